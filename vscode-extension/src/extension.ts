import * as vscode from "vscode";
import { OncellClient } from "./api/client";
import { OncellError } from "./api/errors";
import type { Customer } from "./api/types";
import { Sessions } from "./auth/session";
import { CellFiles } from "./fs/cellFiles";
import { OncellFileSystem } from "./fs/provider";
import { CellLanguageServer } from "./lsp/cellLanguageServer";
import { runWithProgress } from "./run";
import { grepCell, searchCell } from "./search";
import { CellTerminal } from "./terminal";
import { CustomersView } from "./views/customers";

/** What the extension returns from `activate`, for its tests in a real editor. */
export interface OncellApi {
  signIn(url: string, token: string): Promise<void>;
  signOut(): Promise<void>;
  runMethod(customer: string, method: string, input: unknown): Promise<unknown>;
  readonly signedIn: boolean;
  /** Whether the open cell's language server is connected. */
  readonly languageServerRunning: boolean;
}

const URL_KEY = "oncell.serverUrl";

export async function activate(context: vscode.ExtensionContext): Promise<OncellApi> {
  const output = vscode.window.createOutputChannel("oncell");
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = "oncell.signIn";
  let client: OncellClient | undefined;
  let files: CellFiles | undefined;
  let currentCustomer: string | undefined;
  let languageServer: CellLanguageServer | undefined;
  const lspOutput = vscode.window.createOutputChannel("oncell: language server");

  const sessions = new Sessions(
    context.secrets,
    { get: () => context.globalState.get<string>(URL_KEY), set: (url) => context.globalState.update(URL_KEY, url) },
    (url, token) => new OncellClient(url, token).verify(),
  );
  const fs = new OncellFileSystem(
    () => files,
    (m) => vscode.window.showWarningMessage(`oncell: ${m}`),
    async (customer) => (client ? (await client.getCustomer(customer)).state === "ACTIVE" : false),
  );
  const view = new CustomersView(() => client);

  const use = (url: string | undefined, token: string | undefined): void => {
    client = url && token ? new OncellClient(url, token) : undefined;
    files = client ? new CellFiles(client) : undefined;
    if (files) fs.attach(files);
    languageServer?.dispose();
    languageServer = undefined;
    if (url && token && currentCustomer) {
      const cellFiles = files;
      languageServer = new CellLanguageServer(url, token, currentCustomer, lspOutput, (c) =>
        cellFiles?.changedInCell(vscode.Uri.parse(c.uri).authority, c.path, c.deleted),
      );
      connectLanguageServer();
    }
    vscode.commands.executeCommand("setContext", "oncell.signedIn", client !== undefined);
    view.refresh();
    updateStatus();
  };

  /** (Re)connects the open cell's language server; a failure is said once in its output, not thrown. */
  const connectLanguageServer = (): void => {
    const server = languageServer;
    server?.start().catch((e) => {
      const message = e instanceof OncellError ? `${e.message} [${e.code}]` : String(e);
      lspOutput.appendLine(`cannot connect the language server of ${server.customer}: ${message}`);
    });
  };

  /** The run's starter: the cell's language server when it serves this customer (for its diagnostics). */
  const starter = (customer: string, method: string, input: unknown): (() => Promise<string>) | undefined => {
    const server = languageServer;
    return server?.customer === customer && server.running ? () => server.runAgent(method, input) : undefined;
  };

  const updateStatus = async (): Promise<void> => {
    if (!client) {
      status.text = "$(plug) oncell: sign in";
      status.tooltip = "Sign in to an oncell server";
      status.show();
      return;
    }
    if (!currentCustomer) {
      status.text = `$(server-environment) oncell`;
      status.tooltip = client.baseUrl;
      status.show();
      return;
    }
    try {
      const c = await client.getCustomer(currentCustomer);
      if (languageServer && !languageServer.running) connectLanguageServer(); // the server is back
      status.text = `$(server-environment) ${c.id}: ${c.state.toLowerCase()}`;
      status.tooltip = `${client.baseUrl} · ${c.id} (${c.state})`;
    } catch (e) {
      status.text = `$(debug-disconnect) ${currentCustomer}: unreachable`;
      status.tooltip = e instanceof Error ? e.message : String(e);
    }
    status.show();
  };

  const signIn = async (url?: string, token?: string): Promise<void> => {
    const givenUrl =
      url ??
      (await vscode.window.showInputBox({
        title: "oncell: server URL",
        value: context.globalState.get<string>(URL_KEY) ?? "http://127.0.0.1:8080",
        ignoreFocusOut: true,
      }));
    if (givenUrl === undefined) return;
    const givenToken =
      token ??
      (await vscode.window.showInputBox({
        title: "oncell: API key (operator or customer)",
        prompt: "Kept in VS Code's secret storage, removed on sign-out",
        password: true,
        ignoreFocusOut: true,
      }));
    if (givenToken === undefined) return;
    const session = await sessions.signIn(givenUrl, givenToken);
    use(session.url, session.token);
    vscode.window.showInformationMessage(`oncell: signed in to ${session.url}`);
  };

  const pickCustomer = async (given?: Customer | string): Promise<string | undefined> => {
    if (typeof given === "string") return given;
    if (given) return given.id;
    if (!client) throw new OncellError("not_signed_in", "sign in first (oncell: Sign In)", 0);
    const customers = await client.listCustomers();
    const pick = await vscode.window.showQuickPick(
      customers.map((c) => ({ label: c.id, description: c.state.toLowerCase() })),
      { title: "oncell: customer" },
    );
    return pick?.label;
  };

  const guarded =
    <A extends unknown[]>(work: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<void> => {
      try {
        await work(...args);
      } catch (e) {
        const message = e instanceof OncellError ? `${e.message} [${e.code}]` : String(e);
        vscode.window.showErrorMessage(`oncell: ${message}`);
      }
    };

  context.subscriptions.push(
    output,
    lspOutput,
    { dispose: () => languageServer?.dispose() },
    status,
    fs,
    vscode.workspace.registerFileSystemProvider("oncell", fs, { isCaseSensitive: true }),
    vscode.window.registerTreeDataProvider("oncell.customers", view),
    vscode.commands.registerCommand("oncell.signIn", guarded(() => signIn())),
    vscode.commands.registerCommand(
      "oncell.signOut",
      guarded(async () => {
        await sessions.signOut();
        currentCustomer = undefined;
        use(undefined, undefined);
      }),
    ),
    vscode.commands.registerCommand("oncell.refresh", () => {
      view.refresh();
      updateStatus();
    }),
    vscode.commands.registerCommand(
      "oncell.openCell",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c);
        if (!id) return;
        currentCustomer = id;
        const uri = vscode.Uri.from({ scheme: "oncell", authority: id, path: "/" });
        // The cell becomes the window's folder (a virtual workspace). Adding it to a workspace that
        // has a folder already would make an untitled multi-root workspace, which browser editors
        // such as code-server do not keep across the extension host's restart.
        await vscode.commands.executeCommand("vscode.openFolder", uri, { forceNewWindow: false });
      }),
    ),
    vscode.commands.registerCommand(
      "oncell.pauseCell",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c);
        if (id && client) await client.pause(id);
        view.refresh();
        updateStatus();
      }),
    ),
    vscode.commands.registerCommand(
      "oncell.resumeCell",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c);
        if (id && client) await client.resume(id);
        view.refresh();
        updateStatus();
      }),
    ),
    vscode.commands.registerCommand(
      "oncell.openTerminal",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c ?? currentCustomer);
        if (!id || !client) return;
        const terminal = vscode.window.createTerminal({ name: `oncell: ${id}`, pty: new CellTerminal(client, id) });
        terminal.show();
      }),
    ),
    vscode.commands.registerCommand(
      "oncell.search",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c ?? currentCustomer);
        if (id && client) await searchCell(client, id);
      }),
    ),
    vscode.commands.registerCommand(
      "oncell.grep",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c ?? currentCustomer);
        if (id && client) await grepCell(client, id);
      }),
    ),
    vscode.commands.registerCommand(
      "oncell.runMethod",
      guarded(async (c?: Customer | string) => {
        const id = await pickCustomer(c ?? currentCustomer);
        if (!id || !client) return;
        const method = await vscode.window.showInputBox({ title: `oncell: method to run on ${id}`, placeHolder: "task" });
        if (!method) return;
        const raw = await vscode.window.showInputBox({
          title: `oncell: input of ${method} (JSON)`,
          value: "{}",
          validateInput: (v) => {
            try {
              JSON.parse(v);
              return undefined;
            } catch (e) {
              return `not JSON: ${(e as Error).message}`;
            }
          },
        });
        if (raw === undefined) return;
        const input = JSON.parse(raw);
        await runWithProgress(client, output, id, method, input, starter(id, method, input));
        updateStatus();
      }),
    ),
  );

  // The status bar follows the open cell's state, and says so when the server is down.
  const poll = setInterval(() => {
    if (client && currentCustomer) updateStatus();
  }, 15000);
  context.subscriptions.push({ dispose: () => clearInterval(poll) });

  const opened = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "oncell");
  if (opened) currentCustomer = opened.uri.authority;

  const stored = await sessions.current();
  use(stored?.url, stored?.token);

  return {
    signIn: (url, token) => signIn(url, token),
    signOut: () => sessions.signOut().then(() => use(undefined, undefined)),
    runMethod: (customer, method, input) => {
      if (!client) throw new OncellError("not_signed_in", "sign in first", 0);
      return runWithProgress(client, output, customer, method, input, starter(customer, method, input));
    },
    get languageServerRunning() {
      return languageServer?.running ?? false;
    },
    get signedIn() {
      return client !== undefined;
    },
  };
}

export function deactivate(): void {}
