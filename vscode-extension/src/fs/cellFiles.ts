import { OncellError } from "../api/errors";
import type { DirEntry, FileOrListing, Listing, ShellResult, WriteCondition } from "../api/types";
import { Limiter, SingleFlight } from "./batching";

/** The part of the API client the file system needs; a test may pass its own. */
export interface FilesApi {
  get(customer: string, path: string, after?: string): Promise<FileOrListing>;
  listAll(customer: string, path: string): Promise<Listing>;
  write(customer: string, path: string, bytes: Uint8Array, condition?: WriteCondition): Promise<string | undefined>;
  delete(customer: string, path: string, recursive: boolean): Promise<void>;
  shell(customer: string, command: string, cwd?: string): Promise<ShellResult>;
}

export type EntryKind = "file" | "dir" | "symlink" | "other";

/** What `stat` answers; `mtime` is the time this client last saw the entry change (the API has no mtimes). */
export interface CellStat {
  readonly kind: EntryKind;
  readonly size: number;
  readonly mtime: number;
  readonly ctime: number;
}

export type ChangeKind = "created" | "changed" | "deleted";

export interface Change {
  readonly customer: string;
  readonly path: string;
  readonly kind: ChangeKind;
}

/** Files larger than this open read-only with a notice (and are not cached). */
export const LARGE_FILE_BYTES = 20 * 1024 * 1024;

interface CachedListing {
  readonly entries: Map<string, DirEntry>;
  readonly at: number;
}

/**
 * The cell's files as the editor sees them: caches folder listings for a short time, answers
 * `stat` from the parent folder's listing so that the stats of siblings cost one request, merges
 * concurrent reads of the same path into one request, and bounds how many requests run at once.
 * Keeps a per-path mtime that moves forward whenever this client writes a file or sees its size
 * change, so VS Code notices files an agent changed.
 */
export class CellFiles {
  private readonly listings = new Map<string, CachedListing>();
  private readonly mtimes = new Map<string, number>();
  /** The version (the server's ETag) each file had when this client last read or wrote it. */
  private readonly versions = new Map<string, string>();
  private readonly listFlight = new SingleFlight<Listing>();
  private readonly readFlight = new SingleFlight<Uint8Array>();
  private readonly limiter: Limiter;
  private readonly listeners: Array<(changes: Change[]) => void> = [];

  constructor(
    private readonly api: FilesApi,
    private readonly now: () => number = Date.now,
    private readonly listingTtlMs = 2000,
    concurrency = 6,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  onChange(listener: (changes: Change[]) => void): void {
    this.listeners.push(listener);
  }

  async stat(customer: string, path: string): Promise<CellStat> {
    const p = normalize(path);
    if (p === "") {
      return { kind: "dir", size: 0, mtime: this.mtime(customer, p), ctime: 0 };
    }
    const listing = await this.listing(customer, parent(p));
    const entry = listing.entries.get(basename(p));
    if (!entry) {
      throw new OncellError("not_found", `no file '${p}' in the cell`, 404);
    }
    return { kind: entry.type, size: entry.size, mtime: this.mtime(customer, p), ctime: 0 };
  }

  async readDirectory(customer: string, path: string): Promise<DirEntry[]> {
    return [...(await this.listing(customer, normalize(path))).entries.values()];
  }

  async readFile(customer: string, path: string): Promise<Uint8Array> {
    const p = normalize(path);
    return this.readFlight.run(`${customer}\0${p}`, () =>
      this.limiter.run(async () => {
        const answer = await this.api.get(customer, p);
        if (answer.kind !== "file") {
          throw new OncellError("is_a_directory", `'${p}' is a folder`, 400);
        }
        if (answer.version) this.versions.set(key(customer, p), answer.version);
        else this.versions.delete(key(customer, p));
        return answer.bytes;
      }),
    );
  }

  /**
   * Writes a file. A file this client has read is written only if the cell still has the version it
   * read (the server checks, with the write): a file an agent or a shell command changed meanwhile
   * is never overwritten, the write fails with `version_conflict`.
   */
  async writeFile(customer: string, path: string, bytes: Uint8Array): Promise<void> {
    const p = normalize(path);
    const existed = await this.exists(customer, p);
    const seen = this.versions.get(key(customer, p));
    const version = await this.limiter.run(() =>
      this.api.write(customer, p, bytes, seen === undefined ? undefined : { ifVersion: seen }),
    );
    if (version) this.versions.set(key(customer, p), version);
    else this.versions.delete(key(customer, p));
    this.touch(customer, p);
    this.record(customer, p, { name: basename(p), type: "file", size: bytes.length });
    this.emit([{ customer, path: p, kind: existed ? "changed" : "created" }]);
  }

  async delete(customer: string, path: string, recursive: boolean): Promise<void> {
    const p = normalize(path);
    await this.limiter.run(() => this.api.delete(customer, p, recursive));
    this.versions.delete(key(customer, p));
    this.record(customer, p, undefined);
    this.listings.delete(key(customer, p));
    this.emit([{ customer, path: p, kind: "deleted" }]);
  }

  /**
   * Something in the cell (a run) changed or deleted a file: forgets what was cached about it and
   * says so, so that an open editor reloads it (or, if it has unsaved edits, its save is refused).
   */
  changedInCell(customer: string, path: string, deleted: boolean): void {
    const p = normalize(path);
    this.forget(customer, parent(p));
    this.touch(customer, p);
    this.emit([{ customer, path: p, kind: deleted ? "deleted" : "changed" }]);
  }

  /** There is no rename or mkdir in the files API: both run as a shell command in the cell. */
  async rename(customer: string, from: string, to: string, overwrite: boolean): Promise<void> {
    const a = normalize(from);
    const b = normalize(to);
    if (!overwrite && (await this.exists(customer, b))) {
      throw new OncellError("file_exists", `'${b}' already exists`, 409);
    }
    await this.run(customer, `mv -f -- ${shellQuote(a)} ${shellQuote(b)}`);
    this.versions.delete(key(customer, a));
    this.versions.delete(key(customer, b));
    this.forget(customer, parent(a));
    this.forget(customer, parent(b));
    this.touch(customer, b);
    this.emit([
      { customer, path: a, kind: "deleted" },
      { customer, path: b, kind: "created" },
    ]);
  }

  async createDirectory(customer: string, path: string): Promise<void> {
    const p = normalize(path);
    await this.run(customer, `mkdir -p -- ${shellQuote(p)}`);
    this.forget(customer, parent(p));
    this.emit([{ customer, path: p, kind: "created" }]);
  }

  /**
   * Re-reads a watched folder and reports what changed since the cached listing (a file whose size
   * changed gets a newer mtime). The extension calls it on a timer for the folders it watches.
   */
  async refresh(customer: string, path: string): Promise<Change[]> {
    const p = normalize(path);
    this.forget(customer, p);
    return (await this.relist(customer, p)).changes;
  }

  private async exists(customer: string, p: string): Promise<boolean> {
    try {
      await this.stat(customer, p);
      return true;
    } catch (e) {
      if (e instanceof OncellError && e.status === 404) {
        return false;
      }
      throw e;
    }
  }

  private async run(customer: string, command: string): Promise<void> {
    const result = await this.limiter.run(() => this.api.shell(customer, command));
    if (result.exitCode !== 0) {
      throw new OncellError("command_failed", result.stderr.trim() || `'${command}' failed`, 409);
    }
  }

  private async listing(customer: string, p: string): Promise<CachedListing> {
    const cached = this.listings.get(key(customer, p));
    if (cached && this.now() - cached.at < this.listingTtlMs) {
      return cached;
    }
    return (await this.relist(customer, p)).listing;
  }

  /**
   * Lists a folder again and compares it with the listing it replaces: whatever changed in the
   * cell meanwhile gets a newer mtime and a change event. That is what lets VS Code refuse to save
   * over a file an agent rewrote while it was open (it compares mtimes before writing).
   */
  private async relist(customer: string, p: string): Promise<{ listing: CachedListing; changes: Change[] }> {
    const k = key(customer, p);
    const before = this.listings.get(k);
    const listing = await this.listFlight.run(k, () => this.limiter.run(() => this.api.listAll(customer, p)));
    const entries = new Map<string, DirEntry>();
    for (const e of listing.entries) {
      entries.set(e.name, e);
    }
    const fresh = { entries, at: this.now() };
    this.listings.set(k, fresh);
    const changes = before ? diffListings(customer, p, before.entries, entries) : [];
    for (const c of changes) {
      if (c.kind !== "deleted") {
        this.touch(customer, c.path);
      }
    }
    this.emit(changes);
    return { listing: fresh, changes };
  }

  /** Puts what this client just did into the cached parent listing, so it is not reported back as a change. */
  private record(customer: string, p: string, entry: DirEntry | undefined): void {
    const cached = this.listings.get(key(customer, parent(p)));
    if (!cached) {
      return;
    }
    if (entry) {
      cached.entries.set(entry.name, entry);
    } else {
      cached.entries.delete(basename(p));
    }
  }

  private mtime(customer: string, p: string): number {
    const k = key(customer, p);
    let t = this.mtimes.get(k);
    if (t === undefined) {
      t = this.now();
      this.mtimes.set(k, t);
    }
    return t;
  }

  /** Moves the path's mtime forward, strictly, even when the clock has not. */
  private touch(customer: string, p: string): void {
    const k = key(customer, p);
    const old = this.mtimes.get(k) ?? 0;
    this.mtimes.set(k, Math.max(this.now(), old + 1));
  }

  /** Marks a listing stale; it stays as the baseline the next listing is compared with. */
  private forget(customer: string, p: string): void {
    const cached = this.listings.get(key(customer, p));
    if (cached) {
      this.listings.set(key(customer, p), { entries: cached.entries, at: Number.NEGATIVE_INFINITY });
    }
  }

  private emit(changes: Change[]): void {
    if (changes.length === 0) {
      return;
    }
    for (const l of this.listeners) {
      l(changes);
    }
  }
}

/** The changes between two listings of one folder, sorted by name so that the order is stable. */
export function diffListings(
  customer: string,
  folder: string,
  before: Map<string, DirEntry>,
  after: Map<string, DirEntry>,
): Change[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: Change[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const path = folder === "" ? name : `${folder}/${name}`;
    if (a && !b) {
      changes.push({ customer, path, kind: "deleted" });
    } else if (!a && b) {
      changes.push({ customer, path, kind: "created" });
    } else if (a && b && (a.size !== b.size || a.type !== b.type)) {
      changes.push({ customer, path, kind: "changed" });
    }
  }
  return changes;
}

/** A path without leading, trailing or doubled slashes; `.` and `..` segments are refused. */
export function normalize(path: string): string {
  const parts = path.split("/").filter((s) => s.length > 0);
  if (parts.some((s) => s === "." || s === "..")) {
    throw new OncellError("invalid_path", `'${path}' must not contain '.' or '..'`, 400);
  }
  return parts.join("/");
}

export function parent(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "" : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/** Quotes one argument for a POSIX shell: nothing inside single quotes is special but the quote itself. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function key(customer: string, p: string): string {
  return `${customer}\0${p}`;
}
