import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { lspUrl, openSocket, socketOf } from "../src/lsp/socket";

const TOKEN = "secret-token-123";
const servers: http.Server[] = [];

/** A loopback server that upgrades only with the right key, as the oncell server's endpoint does. */
async function endpoint(): Promise<string> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      const body = JSON.stringify({ error: { code: "unauthorized", message: `bad key ${req.headers.authorization}` } });
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => ws.on("message", (m) => ws.send(`echo ${m.toString()}`)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe("the language server's socket", () => {
  it("names the endpoint of the customer under the server's URL", () => {
    expect(lspUrl("http://127.0.0.1:8080", "acme")).toBe("ws://127.0.0.1:8080/v1/customers/acme/lsp");
    expect(lspUrl("https://cells.example/base/", "a b")).toBe("wss://cells.example/base/v1/customers/a%20b/lsp");
  });

  it("carries one JSON-RPC message per text message both ways", async () => {
    const base = await endpoint();
    const ws = await openSocket(lspUrl(base, "acme"), TOKEN);
    const socket = socketOf(ws);
    const got = new Promise<string>((r) => socket.onMessage((m) => r(m as string)));
    socket.send('{"jsonrpc":"2.0"}');
    expect(await got).toBe('echo {"jsonrpc":"2.0"}');
    socket.dispose();
  });

  it("a refused key is the server's error, and no message carries the key", async () => {
    const base = await endpoint();
    const error = await openSocket(lspUrl(base, "acme"), "wrong-" + TOKEN).catch((e) => e);
    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(error.message).toMatch(/sign-in refused/);
    expect(error.message).not.toContain(TOKEN);
  });

  it("a server that is not there is unreachable", async () => {
    const base = await endpoint();
    servers.splice(0).forEach((s) => s.close());
    await new Promise((r) => setTimeout(r, 50));
    await expect(openSocket(lspUrl(base, "acme"), TOKEN)).rejects.toMatchObject({ code: "unreachable", status: 0 });
  });
});
