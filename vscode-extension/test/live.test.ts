import { describe, expect, it } from "vitest";
import { OncellClient } from "../src/api/client";
import { CellFiles } from "../src/fs/cellFiles";
import type { RunEvent } from "../src/api/types";

// Against a real oncell server, when one is named (e2e/run.mjs's server, or `./oncell serve`):
//   ONCELL_TEST_URL=http://127.0.0.1:8080 ONCELL_TEST_TOKEN=$(cat ~/.oncell/operator.key) \
//   ONCELL_TEST_CUSTOMER=acme npx vitest run test/live.test.ts
// The customer must run the example agent data-analysis.
const url = process.env.ONCELL_TEST_URL;
const token = process.env.ONCELL_TEST_TOKEN ?? "";
const customer = process.env.ONCELL_TEST_CUSTOMER ?? "acme";

describe.skipIf(!url)("against a real oncell server", () => {
  const client = new OncellClient(url ?? "", token);
  const files = new CellFiles(client);
  const bytes = (s: string) => new TextEncoder().encode(s);

  it("writes, stats, lists, reads, renames and deletes files", async () => {
    await files.writeFile(customer, "live/a b.txt", bytes("héllo"));
    expect((await files.stat(customer, "live/a b.txt")).size).toBe(6);
    expect((await files.readDirectory(customer, "live")).map((e) => e.name)).toContain("a b.txt");
    expect(new TextDecoder().decode(await files.readFile(customer, "live/a b.txt"))).toBe("héllo");
    await files.rename(customer, "live/a b.txt", "live/it's.txt", false);
    await expect(files.stat(customer, "live/a b.txt")).rejects.toMatchObject({ status: 404 });
    await files.createDirectory(customer, "live/sub/dir");
    expect((await files.stat(customer, "live/sub/dir")).kind).toBe("dir");
    await files.delete(customer, "live", true);
    await expect(files.stat(customer, "live")).rejects.toMatchObject({ status: 404 });
  });

  it("runs analyze to its result", async () => {
    const events: RunEvent[] = [];
    const { last } = await client.runMethod("analyze", customer, { question: "total revenue" }, (e) => events.push(e));
    expect(events.map((e) => e.type)).toContain("analysis");
    expect(last?.type).toBe("result");
    expect(JSON.stringify(last?.data)).toContain("revenue");
  });

  it("reports an unknown method with its code", async () => {
    await expect(client.runMethod("nope", customer, {}, () => undefined)).rejects.toMatchObject({ code: "unknown_method" });
  });
});
