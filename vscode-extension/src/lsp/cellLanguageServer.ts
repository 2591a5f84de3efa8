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

/** Waits between reconnection attempts: doubling from the first to the last. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 10_000;

/**
 * A document with more text than this is not announced to the language server: `didOpen` carries the
 * whole text (which the server never uses: it reads the cell's copy), and the server's socket takes
 * messages of at most 4 MiB. Such a file still opens; runs just do not refresh it.
 */
const MAX_ANNOUNCED_CHARS = 1 << 20;

/**
 * The language server of one cell (`lsp-server`), reached over the oncell server's WebSocket
 * endpoint `/v1/customers/<id>/lsp` with the signed-in key, so nothing runs beside the editor.
 * It serves the `oncell://<customer>/` documents: findings of runs it started as diagnostics, their
 * suggestions as quick fixes, symbols, definition, references and hover, and `oncell/fileChanged`
 * when a file that is open changed in the cell.
 *
 * Each connection is a new `LanguageClient` on a socket that is already open: while the server is
 * down, attempts fail quietly here (the status bar says the server is unreachable) and are retried,
 * doubling the wait up to 10 s, until the server answers again.
 */
export class CellLanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private disposed = false;
  private readonly unannounced = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    readonly customer: string,
    private readonly output: vscode.OutputChannel,
    private readonly onFileChanged: (change: FileChanged) => void,
  ) {}

  /**
   * Connects, unless connected or connecting; resolves once `initialize` was answered, or rejects
   * with the server's reason (and tries again later).
   */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.starting ??= this.connect().finally(() => (this.starting = undefined));
    return this.starting;
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  /** Starts `method` through the language server, which shows its progress and its findings. */
  async runAgent(method: string, input: unknown): Promise<string> {
    const client = this.client;
    if (!client || !this.running) throw new OncellError("not_connected", `the language server of ${this.customer} is not connected`, 0);
    const answer = (await client.sendRequest("oncell/runAgent", { method, input: input ?? null })) as { runId: string };
    return answer.runId;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.retry);
    await this.client?.dispose(2000).catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    await old?.dispose(2000).catch(() => undefined);
    if (this.disposed) return;
    let ws;
    try {
      ws = await openSocket(lspUrl(this.baseUrl, this.customer), this.token);
    } catch (e) {
      this.reconnectLater();
      throw e;
    }
    const client = this.create(ws);
    this.client = client;
    await client.start();
    this.retryMs = FIRST_RETRY_MS;
  }

  private reconnectLater(): void {
    if (this.disposed || this.retry) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start().catch(() => undefined); // connect() schedules the next attempt
    }, wait);
  }

  private create(ws: Parameters<typeof socketOf>[0]): LanguageClient {
    const socket = socketOf(ws);
    const serverOptions = async (): Promise<MessageTransports> => ({
      reader: new WebSocketMessageReader(socket),
      writer: new WebSocketMessageWriter(socket),
    });
    const clientOptions: LanguageClientOptions = {
      // Only this customer's documents: the server answers nothing for another cell's URIs.
      documentSelector: [{ scheme: "oncell" }],
      outputChannel: this.output,
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
          // This client's socket is gone for good: the next connection is a new client on a new socket.
          this.output.appendLine(`the language server of ${this.customer} disconnected; reconnecting`);
          this.reconnectLater();
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    const client = new LanguageClient("oncell", `oncell: ${this.customer}`, serverOptions, clientOptions);
    client.onNotification("oncell/fileChanged", (change: FileChanged) => this.onFileChanged(change));
    return client;
  }
}
