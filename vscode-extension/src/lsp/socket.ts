import type { IWebSocket } from "vscode-ws-jsonrpc";
import WebSocket from "ws";
import { OncellError, errorFromAnswer, redact } from "../api/errors";

/** The largest message the editor accepts from the language server (a big file's `readFile`). */
const MAX_MESSAGE_BYTES = 64 << 20;

/**
 * Opens the language server's WebSocket with the key in the `Authorization` header (never in the
 * URL). A refused upgrade rejects with the server's own error (`unauthorized`, `forbidden`,
 * `not_found`, ...), an unreachable server with `unreachable`; neither message carries the key.
 */
export function openSocket(url: string, token: string, timeoutMs = 15_000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${token}` },
      handshakeTimeout: timeoutMs,
      maxPayload: MAX_MESSAGE_BYTES,
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => reject(errorFromAnswer(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"), token)));
      res.on("error", () => reject(new OncellError("unreachable", `the server refused the language server (${res.statusCode})`, res.statusCode ?? 0)));
    });
    ws.once("error", (e) => reject(new OncellError("unreachable", redact(`cannot reach ${new URL(url).origin}: ${e.message}`, token), 0)));
  });
}

/** An open `ws` socket as vscode-ws-jsonrpc's socket: one text message per JSON-RPC message. */
export function socketOf(ws: WebSocket): IWebSocket {
  return {
    send: (content) => ws.send(content),
    onMessage: (cb) => ws.on("message", (data, isBinary) => cb(isBinary ? data : data.toString())),
    onError: (cb) => ws.on("error", cb),
    onClose: (cb) => ws.on("close", (code, reason) => cb(code, reason.toString())),
    dispose: () => ws.close(),
  };
}

/** `ws(s)://host/v1/customers/<id>/lsp` for an `http(s)://host` server URL. */
export function lspUrl(baseUrl: string, customer: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/customers/${encodeURIComponent(customer)}/lsp`;
  return url.toString();
}
