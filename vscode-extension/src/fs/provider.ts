import * as vscode from "vscode";
import { OncellError } from "../api/errors";
import { CellFiles, Change, LARGE_FILE_BYTES, type EntryKind } from "./cellFiles";

/** How often a watched folder is re-listed to see what an agent or a shell command changed. */
const WATCH_POLL_MS = 3000;

/**
 * `oncell://<customer>/<path>`: a cell's files (under /work) through the HTTP API. All the caching
 * and batching is in {@link CellFiles}; this class only translates to VS Code's types and errors.
 */
export class OncellFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly watched = new Map<string, { customer: string; path: string; count: number }>();
  private readonly timer: ReturnType<typeof setInterval>;

  /**
   * @param awake whether a customer's cell is running; the watcher does not poll a paused cell, so
   *     an open window does not keep waking it (reading a file still wakes it, as it should)
   */
  constructor(
    private readonly files: () => CellFiles | undefined,
    private readonly notice: (message: string) => void,
    private readonly awake: (customer: string) => Promise<boolean> = async () => true,
  ) {
    this.timer = setInterval(() => this.poll(), WATCH_POLL_MS);
  }

  /** Called when sign-in changes, so the new session's CellFiles reports its changes here. */
  attach(files: CellFiles): void {
    files.onChange((changes) => this.emitter.fire(changes.map(toEvent)));
  }

  watch(uri: vscode.Uri): vscode.Disposable {
    const key = uri.toString();
    const entry = this.watched.get(key) ?? { customer: uri.authority, path: uri.path, count: 0 };
    entry.count++;
    this.watched.set(key, entry);
    return new vscode.Disposable(() => {
      entry.count--;
      if (entry.count <= 0) {
        this.watched.delete(key);
      }
    });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const s = await this.call(uri, (f) => f.stat(uri.authority, uri.path));
    const large = s.kind === "file" && s.size > LARGE_FILE_BYTES;
    return {
      type: toType(s.kind),
      size: s.size,
      mtime: s.mtime,
      ctime: s.ctime,
      permissions: large ? vscode.FilePermission.Readonly : undefined,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const entries = await this.call(uri, (f) => f.readDirectory(uri.authority, uri.path));
    return entries.map((e) => [e.name, toType(e.type)]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const s = await this.call(uri, (f) => f.stat(uri.authority, uri.path));
    if (s.size > LARGE_FILE_BYTES) {
      this.notice(`${uri.path} is ${(s.size / 1048576).toFixed(0)} MiB: opened read-only`);
    }
    return this.call(uri, (f) => f.readFile(uri.authority, uri.path));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    await this.call(uri, async (f) => {
      let exists = true;
      try {
        await f.stat(uri.authority, uri.path);
      } catch (e) {
        if (!(e instanceof OncellError && e.status === 404)) throw e;
        exists = false;
      }
      if (!exists && !options.create) throw new OncellError("not_found", uri.path, 404);
      if (exists && !options.overwrite) throw new OncellError("file_exists", uri.path, 409);
      await f.writeFile(uri.authority, uri.path, content);
    });
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    await this.call(uri, (f) => f.delete(uri.authority, uri.path, options.recursive));
  }

  async rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    if (from.authority !== to.authority) {
      throw vscode.FileSystemError.NoPermissions("files move only within one cell");
    }
    await this.call(from, (f) => f.rename(from.authority, from.path, to.path, options.overwrite));
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    await this.call(uri, (f) => f.createDirectory(uri.authority, uri.path));
  }

  dispose(): void {
    clearInterval(this.timer);
    this.emitter.dispose();
  }

  private async poll(): Promise<void> {
    const files = this.files();
    if (!files) return;
    const awake = new Map<string, Promise<boolean>>();
    for (const w of [...this.watched.values()]) {
      try {
        if (!awake.has(w.customer)) awake.set(w.customer, this.awake(w.customer));
        if (!(await awake.get(w.customer))) continue;
        const s = await files.stat(w.customer, w.path);
        if (s.kind === "dir") await files.refresh(w.customer, w.path);
      } catch {
        // a watched path that vanished or a server that is down: the next poll tries again
      }
    }
  }

  private async call<T>(uri: vscode.Uri, work: (files: CellFiles) => Promise<T>): Promise<T> {
    const files = this.files();
    if (!files) {
      throw vscode.FileSystemError.Unavailable("not signed in to an oncell server (run 'oncell: Sign In')");
    }
    try {
      return await work(files);
    } catch (e) {
      throw toFsError(e, uri);
    }
  }
}

function toType(kind: EntryKind): vscode.FileType {
  switch (kind) {
    case "dir":
      return vscode.FileType.Directory;
    case "symlink":
      return vscode.FileType.SymbolicLink | vscode.FileType.File;
    case "file":
      return vscode.FileType.File;
    default:
      return vscode.FileType.Unknown;
  }
}

function toEvent(c: Change): vscode.FileChangeEvent {
  const type =
    c.kind === "created" ? vscode.FileChangeType.Created : c.kind === "deleted" ? vscode.FileChangeType.Deleted : vscode.FileChangeType.Changed;
  return { type, uri: vscode.Uri.from({ scheme: "oncell", authority: c.customer, path: "/" + c.path }) };
}

function toFsError(e: unknown, uri: vscode.Uri): Error {
  if (!(e instanceof OncellError)) return e instanceof Error ? e : new Error(String(e));
  if (e.status === 404) return vscode.FileSystemError.FileNotFound(uri);
  if (e.code === "file_exists") return vscode.FileSystemError.FileExists(uri);
  if (e.code === "is_a_directory") return vscode.FileSystemError.FileIsADirectory(uri);
  if (e.code === "not_a_directory") return vscode.FileSystemError.FileNotADirectory(uri);
  if (e.status === 403) return vscode.FileSystemError.NoPermissions(e.message);
  if (e.code === "version_conflict") {
    return new Error(`${uri.path.slice(1)} changed in the cell since it was opened; nothing was overwritten (revert to see the cell's version) [version_conflict]`);
  }
  if (e.transient) return vscode.FileSystemError.Unavailable(`${e.message} (will retry on next access)`);
  return new Error(`${e.message} [${e.code}]`);
}
