import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { OncellClient, filesPath } from "../src/api/client";
import { OncellError } from "../src/api/errors";
import type { RunEvent } from "../src/api/types";

const TOKEN = "secret-token-0123456789";

/** A stand-in for the oncell server on a loopback port: the same wire format, scripted answers. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== "/health" && req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "unauthorized", message: `bad key ${req.headers.authorization}` } }));
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const fastRetry = { attempts: 3, delayMs: () => 1 };

function frame(seq: number, type: string, data: unknown): string {
  return `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

describe("OncellClient", () => {
  it("follows a run to its result and resumes a dropped stream with Last-Event-ID", async () => {
    const resumedWith: string[] = [];
    const { url } = await serve((req, res) => {
      if (req.method === "POST" && req.url === "/v1/agents/analyze/stream") {
        res.writeHead(200, { "Content-Type": "text/event-stream", "X-Oncell-Run-Id": "run-1" });
        res.write(frame(1, "started", {}) + frame(2, "log", { line: "a" }));
        res.write("id: 3\nevent: log\ndata: {\"li"); // cut mid-event, then the connection drops
        setTimeout(() => res.destroy(), 5);
        return;
      }
      if (req.method === "GET" && req.url === "/v1/runs/run-1/events") {
        resumedWith.push(String(req.headers["last-event-id"]));
        res.writeHead(200, { "Content-Type": "text/event-stream" });
        // the server replays from after the given id; an overlap must not be delivered twice
        res.end(frame(2, "log", { line: "a" }) + frame(3, "log", { line: "b" }) + ": keep-alive\n\n" + frame(4, "result", { total: 42 }));
        return;
      }
      res.writeHead(404).end();
    });
    const client = new OncellClient(url, TOKEN, fastRetry);
    const seen: RunEvent[] = [];
    const reconnects: number[] = [];
    const answer = await client.runMethod("analyze", "shop", { q: 1 }, (e) => seen.push(e), {
      onReconnect: (n) => reconnects.push(n),
    });
    expect(answer.runId).toBe("run-1");
    expect(seen.map((e) => `${e.seq}:${e.type}`)).toEqual(["1:started", "2:log", "3:log", "4:result"]);
    expect(answer.last?.data).toEqual({ total: 42 });
    expect(resumedWith).toEqual(["2"]);
  });

  it("keeps retrying while the server is down and gives up after its attempts", async () => {
    const { url, server } = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/event-stream", "X-Oncell-Run-Id": "run-2" });
      res.write(frame(1, "started", {}));
      setTimeout(() => {
        res.destroy();
        server.close(); // the server goes away for good
        server.closeAllConnections();
      }, 5);
    });
    const client = new OncellClient(url, TOKEN, fastRetry);
    const reconnects: number[] = [];
    const failure = await client
      .runMethod("m", "c", null, () => undefined, { onReconnect: (n) => reconnects.push(n) })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(OncellError);
    expect((failure as OncellError).code).toBe("stream_lost");
    expect(reconnects).toEqual([1, 2, 3]);
  });

  it("turns a wrong token into a clear sign-in error that never shows the token", async () => {
    const { url } = await serve((_req, res) => res.end("{}"));
    const wrong = "wrong-token-987654";
    const failure = (await new OncellClient(url, wrong).verify().catch((e) => e)) as OncellError;
    expect(failure.status).toBe(401);
    expect(failure.message).toMatch(/sign-in refused/);
    expect(failure.message).not.toContain(wrong);
  });

  it("says when the server cannot be reached", async () => {
    const { url, server } = await serve((_req, res) => res.end());
    server.close();
    const failure = (await new OncellClient(url, TOKEN).listCustomers().catch((e) => e)) as OncellError;
    expect(failure.code).toBe("unreachable");
    expect(failure.transient).toBe(true);
    expect(failure.message).not.toContain(TOKEN);
  });

  it("reads files and follows listing pages", async () => {
    const { url } = await serve((req, res) => {
      const u = new URL(req.url!, "http://x");
      if (u.pathname === "/v1/customers/acme/files/src") {
        res.writeHead(200, { "X-Oncell-Entry": "directory", "Content-Type": "application/json" });
        const after = u.searchParams.get("after");
        res.end(
          JSON.stringify(
            after === null
              ? { path: "src", entries: [{ name: "a.ts", type: "file", size: 1 }], next: "a.ts" }
              : { path: "src", entries: [{ name: "b", type: "dir", size: 0 }], next: null },
          ),
        );
      } else if (u.pathname === "/v1/customers/acme/files/src/a%20b.ts") {
        res.writeHead(200, { "X-Oncell-Entry": "file" });
        res.end(Buffer.from([0, 1, 2]));
      } else {
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { code: "not_found", message: `no ${u.pathname}` } }));
      }
    });
    const client = new OncellClient(url + "/", TOKEN);
    expect((await client.listAll("acme", "src")).entries.map((e) => e.name)).toEqual(["a.ts", "b"]);
    const file = await client.get("acme", "/src/a b.ts");
    expect(file.kind === "file" && [...file.bytes]).toEqual([0, 1, 2]);
    const missing = (await client.get("acme", "nope").catch((e) => e)) as OncellError;
    expect([missing.status, missing.code]).toEqual([404, "not_found"]);
  });

  it("sends search and grep requests and reads their answers", async () => {
    const bodies: unknown[] = [];
    const { url } = await serve(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      bodies.push({ url: req.url, body: JSON.parse(body) });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        req.url!.endsWith("/search")
          ? JSON.stringify({ hits: [{ path: "src/a.ts", content: "x", score: 1, startLine: 3, endLine: 4, symbol: "f", language: "ts" }], tookMs: 1 })
          : JSON.stringify({ matches: [{ path: "b", line: 2, text: "TODO" }], truncated: true, tookMs: 1 }),
      );
    });
    const client = new OncellClient(url, TOKEN);
    expect((await client.search("acme", "auth", 5))[0].startLine).toBe(3);
    expect(await client.grep("acme", "TODO")).toMatchObject({ matches: [{ path: "b", line: 2, text: "TODO" }], truncated: true });
    expect(bodies).toEqual([
      { url: "/v1/customers/acme/search", body: { query: "auth", topK: 5 } },
      { url: "/v1/customers/acme/grep", body: { regex: "TODO", limit: 500 } },
    ]);
  });

  it("refuses dot segments before sending anything", () => {
    expect(() => filesPath("acme", "a/../b")).toThrow(/'\.\.'/);
    expect(filesPath("a/b", "x?y#z")).toBe("/v1/customers/a%2Fb/files/x%3Fy%23z");
  });
});
