import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  type LanguageClientOptions,
  type MessageTransports,
} from "vscode-languageclient/node";
import { WebSocketMessageReader, WebSocketMessageWriter } from "vscode-ws-jsonrpc";
import { OncellError } from "../api/errors";
import { lspUrl, openSocket, socketOf } from "./socket";

/** What the language server sends when a run changed or deleted a file the editor has open. */
export interface FileChanged {
  readonly uri: string;
  readonly path: string;
  readonly version: string | null;
  readonly deleted: boolean;
}

/** At most this many restarts of a dropped connection in {@link RESTART_WINDOW_MS}; then it waits for {@link CellLanguageServer.start}. */
const MAX_RESTARTS = 4;

/**
 * A document with more text than this is not announced to the language server: `didOpen` carries the
 * whole text (which the server never uses: it reads the cell's copy), and the server's socket takes
 * messages of at most 4 MiB. Such a file still opens; runs just do not refresh it.
 */
const MAX_ANNOUNCED_CHARS = 1 << 20;
const RESTART_WINDOW_MS = 60_000;

/**
 * The language server of one cell (`lsp-server`), reached over the oncell server's WebSocket
 * endpoint `/v1/customers/<id>/lsp` with the signed-in key, so nothing runs beside the editor.
 * It serves the `oncell://<customer>/` documents: findings of runs it started as diagnostics, their
 * suggestions as quick fixes, symbols, definition, references and hover, and `oncell/fileChanged`
 * when a run changed a file that is open.
 */
export class CellLanguageServer implements vscode.Disposable {
  private readonly client: LanguageClient;
  private readonly restarts: number[] = [];
  private readonly unannounced = new Set<string>();

  constructor(
    baseUrl: string,
    token: string,
    readonly customer: string,
    output: vscode.OutputChannel,
    onFileChanged: (change: FileChanged) => void,
  ) {
    const serverOptions = async (): Promise<MessageTransports> => {
      const socket = socketOf(await openSocket(lspUrl(baseUrl, customer), token));
      return { reader: new WebSocketMessageReader(socket), writer: new WebSocketMessageWriter(socket) };
    };
    const clientOptions: LanguageClientOptions = {
      // Only this customer's documents: the server answers nothing for another cell's URIs.
      documentSelector: [{ scheme: "oncell" }],
      outputChannel: output,
      middleware: {
        didOpen: (doc, next) => {
          if (doc.getText().length > MAX_ANNOUNCED_CHARS) {
            this.unannounced.add(doc.uri.toString());
            return Promise.resolve();
          }
          return next(doc);
        },
        didClose: (doc, next) => (this.unannounced.delete(doc.uri.toString()) ? Promise.resolve() : next(doc)),
      },
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          const now = Date.now();
          this.restarts.push(now);
          while (this.restarts.length > 0 && this.restarts[0] < now - RESTART_WINDOW_MS) this.restarts.shift();
          return this.restarts.length <= MAX_RESTARTS
            ? { action: CloseAction.Restart, handled: true }
            : {
                action: CloseAction.DoNotRestart,
                message: `oncell: lost the language server of ${customer}; it reconnects when the server answers again`,
              };
        },
      },
    };
    this.client = new LanguageClient("oncell", `oncell: ${customer}`, serverOptions, clientOptions);
    this.client.onNotification("oncell/fileChanged", (change: FileChanged) => onFileChanged(change));
  }

  /** Connects (again); resolves once `initialize` was answered, or rejects with the server's reason. */
  async start(): Promise<void> {
    if (this.client.state === State.Running || this.client.state === State.Starting) return;
    await this.client.start();
  }

  get running(): boolean {
    return this.client.state === State.Running;
  }

  /** Starts `method` through the language server, which shows its progress and its findings. */
  async runAgent(method: string, input: unknown): Promise<string> {
    if (!this.running) throw new OncellError("not_connected", `the language server of ${this.customer} is not connected`, 0);
    const answer = (await this.client.sendRequest("oncell/runAgent", { method, input: input ?? null })) as { runId: string };
    return answer.runId;
  }

  async dispose(): Promise<void> {
    if (this.client.state !== State.Stopped) await this.client.stop(2000).catch(() => undefined);
  }
}
