import { describe, expect, it } from "vitest";
import { OncellError } from "../src/api/errors";
import type { DirEntry, FileOrListing, Listing, ShellResult, WriteCondition } from "../src/api/types";
import { CellFiles, Change, FilesApi, diffListings, normalize, shellQuote } from "../src/fs/cellFiles";

/** An in-memory cell behind the FilesApi interface that counts the requests it gets. */
class MemoryCell implements FilesApi {
  readonly files = new Map<string, Uint8Array>();
  readonly calls: string[] = [];
  readonly commands: string[] = [];

  private entries(folder: string): DirEntry[] {
    const prefix = folder === "" ? "" : folder + "/";
    const out = new Map<string, DirEntry>();
    for (const [path, bytes] of this.files) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf("/");
      const name = slash < 0 ? rest : rest.slice(0, slash);
      out.set(name, slash < 0 ? { name, type: "file", size: bytes.length } : { name, type: "dir", size: 0 });
    }
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(_c: string, path: string): Promise<FileOrListing> {
    this.calls.push(`get ${path}`);
    await Promise.resolve();
    const bytes = this.files.get(path);
    if (bytes) return { kind: "file", bytes, version: this.version(path) };
    return { kind: "directory", listing: { path, entries: this.entries(path), next: null } };
  }
  async listAll(_c: string, path: string): Promise<Listing> {
    this.calls.push(`list ${path}`);
    await Promise.resolve();
    return { path, entries: this.entries(path), next: null };
  }
  async write(_c: string, path: string, bytes: Uint8Array, condition?: WriteCondition): Promise<string | undefined> {
    this.calls.push(`put ${path}${condition && "ifVersion" in condition ? ` if ${condition.ifVersion}` : ""}`);
    const current = this.files.has(path) ? this.version(path) : undefined;
    if (condition && "ifVersion" in condition && condition.ifVersion !== current) {
      throw new OncellError("version_conflict", `'${path}' changed in the cell`, 409);
    }
    this.files.set(path, bytes);
    this.writes.set(path, (this.writes.get(path) ?? 0) + 1);
    return this.version(path);
  }
  /** Counts writes per path: each one, by anyone, is a new version, as the server's hash would be. */
  readonly writes = new Map<string, number>();
  version(path: string): string {
    return `v${this.writes.get(path) ?? 0}`;
  }
  async delete(_c: string, path: string): Promise<void> {
    this.calls.push(`delete ${path}`);
    if (!this.files.delete(path)) throw new OncellError("not_found", "no file", 404);
  }
  async shell(_c: string, command: string): Promise<ShellResult> {
    this.commands.push(command);
    return { stdout: "", stderr: "", exitCode: 0, failed: false, timedOut: false };
  }
}

const bytes = (s: string) => new TextEncoder().encode(s);

function setup() {
  const cell = new MemoryCell();
  let clock = 1000;
  const files = new CellFiles(cell, () => clock, 2000);
  const changes: Change[] = [];
  files.onChange((c) => changes.push(...c));
  return { cell, files, changes, advance: (ms: number) => (clock += ms) };
}

describe("CellFiles", () => {
  it("answers the stats of many siblings with one listing", async () => {
    const { cell, files } = setup();
    for (let i = 0; i < 20; i++) cell.files.set(`src/f${i}.ts`, bytes("x".repeat(i)));
    const stats = await Promise.all([...Array(20).keys()].map((i) => files.stat("acme", `/src/f${i}.ts`)));
    expect(stats.map((s) => s.size)).toEqual([...Array(20).keys()]);
    expect(cell.calls).toEqual(["list src"]);
  });

  it("merges concurrent reads of one file and re-lists after the cache expires", async () => {
    const { cell, files, advance } = setup();
    cell.files.set("a.txt", bytes("hi"));
    const reads = await Promise.all([files.readFile("acme", "a.txt"), files.readFile("acme", "/a.txt")]);
    expect(new TextDecoder().decode(reads[1])).toBe("hi");
    await files.stat("acme", "a.txt");
    await files.stat("acme", "a.txt");
    advance(2001);
    await files.stat("acme", "a.txt");
    expect(cell.calls).toEqual(["get a.txt", "list ", "list "]);
  });

  it("a write refreshes the parent listing, moves the mtime forward and says created or changed", async () => {
    const { cell, files, changes } = setup();
    await files.writeFile("acme", "d/n.txt", bytes("1"));
    const first = await files.stat("acme", "d/n.txt");
    await files.writeFile("acme", "d/n.txt", bytes("22"));
    const second = await files.stat("acme", "d/n.txt");
    expect(second.size).toBe(2);
    expect(second.mtime).toBeGreaterThan(first.mtime);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(["created d/n.txt", "changed d/n.txt"]);
    expect(cell.files.get("d/n.txt")).toEqual(bytes("22"));
  });

  it("a file rewritten in the cell gets a newer mtime once the listing expires; its own writes do not", async () => {
    const { cell, files, changes, advance } = setup();
    await files.writeFile("acme", "a.txt", bytes("one"));
    const opened = await files.stat("acme", "a.txt");
    advance(2001);
    expect((await files.stat("acme", "a.txt")).mtime).toBe(opened.mtime); // nothing changed
    cell.files.set("a.txt", bytes("rewritten by an agent"));
    advance(2001);
    expect((await files.stat("acme", "a.txt")).mtime).toBeGreaterThan(opened.mtime);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(["created a.txt", "changed a.txt"]);
  });

  it("writes a file it read only if the cell still has that version: an agent's same-size change is kept", async () => {
    const { cell, files } = setup();
    await cell.write("acme", "a.txt", bytes("one"));
    expect(await files.readFile("acme", "a.txt")).toEqual(bytes("one"));
    await cell.write("acme", "a.txt", bytes("two")); // an agent, same size
    await expect(files.writeFile("acme", "a.txt", bytes("mine"))).rejects.toMatchObject({ code: "version_conflict" });
    expect(cell.files.get("a.txt")).toEqual(bytes("two"));
    expect(cell.calls.filter((c) => c.startsWith("put"))).toEqual(["put a.txt", "put a.txt", "put a.txt if v1"]); // the setup's, the agent's, ours
  });

  it("its own writes carry the version forward, so saving twice needs no read between", async () => {
    const { cell, files } = setup();
    await cell.write("acme", "a.txt", bytes("one"));
    await files.readFile("acme", "a.txt");
    await files.writeFile("acme", "a.txt", bytes("first save"));
    await files.writeFile("acme", "a.txt", bytes("second save"));
    expect(cell.files.get("a.txt")).toEqual(bytes("second save"));
    expect(cell.calls.filter((c) => c.startsWith("put"))).toEqual(["put a.txt", "put a.txt if v1", "put a.txt if v2"]);
  });

  it("reports a missing file as not found and a folder read as an error", async () => {
    const { cell, files } = setup();
    cell.files.set("d/x", bytes(""));
    await expect(files.stat("acme", "d/nope")).rejects.toMatchObject({ status: 404 });
    await expect(files.readFile("acme", "d")).rejects.toMatchObject({ code: "is_a_directory" });
  });

  it("sees what an agent changed in a watched folder", async () => {
    const { cell, files, changes } = setup();
    cell.files.set("a", bytes("1"));
    cell.files.set("b", bytes("1"));
    await files.readDirectory("acme", "");
    const before = await files.stat("acme", "b");
    cell.files.set("b", bytes("12"));
    cell.files.delete("a");
    cell.files.set("c", bytes(""));
    expect((await files.refresh("acme", "")).map((c) => `${c.kind} ${c.path}`)).toEqual([
      "deleted a",
      "changed b",
      "created c",
    ]);
    expect((await files.stat("acme", "b")).mtime).toBeGreaterThan(before.mtime);
    expect(changes).toHaveLength(3);
  });

  it("renames through a quoted shell command and refuses to overwrite unless asked", async () => {
    const { cell, files } = setup();
    cell.files.set("a b", bytes("1"));
    cell.files.set("it's", bytes("2"));
    await expect(files.rename("acme", "a b", "it's", false)).rejects.toMatchObject({ code: "file_exists" });
    expect(cell.commands).toEqual([]);
    await files.rename("acme", "a b", "it's", true);
    expect(cell.commands).toEqual([`mv -f -- 'a b' 'it'\\''s'`]);
  });

  it("refuses dot segments and changes nothing", async () => {
    const { cell, files } = setup();
    await expect(files.writeFile("acme", "../etc/passwd", bytes("x"))).rejects.toMatchObject({ code: "invalid_path" });
    expect(cell.calls).toEqual([]);
  });
});

describe("helpers", () => {
  it("normalizes paths", () => {
    expect(normalize("//a//b/")).toBe("a/b");
    expect(() => normalize("a/./b")).toThrow();
  });
  it("quotes for the shell", () => {
    expect(shellQuote("$(rm -rf /)")).toBe("'$(rm -rf /)'");
  });
  it("diffs listings in name order", () => {
    const m = (...e: DirEntry[]) => new Map(e.map((x) => [x.name, x]));
    expect(
      diffListings("c", "d", m({ name: "z", type: "file", size: 1 }), m({ name: "a", type: "file", size: 1 }, { name: "z", type: "dir", size: 0 })),
    ).toEqual([
      { customer: "c", path: "d/a", kind: "created" },
      { customer: "c", path: "d/z", kind: "changed" },
    ]);
  });
});
