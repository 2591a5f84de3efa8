/** The shapes of the oncell HTTP API (v1) that the extension reads; see the README's HTTP API table. */

export type CellState = "CREATING" | "ACTIVE" | "PAUSING" | "PAUSED" | "WAKING" | "DELETING" | "FAILED";

export interface Customer {
  readonly id: string;
  readonly state: CellState;
  readonly agent: string | null;
  readonly env: string | null;
  readonly error?: unknown;
}

export type EntryType = "file" | "dir" | "symlink" | "other";

export interface DirEntry {
  readonly name: string;
  readonly type: EntryType;
  readonly size: number;
}

export interface Listing {
  readonly path: string;
  readonly entries: DirEntry[];
  readonly next: string | null;
}

export interface ShellResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly failed: boolean;
  readonly timedOut: boolean;
}

export interface RunInfo {
  readonly runId: string;
  readonly customer: string;
  readonly method: string;
  readonly status: string;
  readonly result: unknown;
  readonly error: unknown;
}

/** One event of a run, as streamed: `seq` is its number, what a resume sends back. */
export interface RunEvent {
  readonly seq: number;
  readonly type: string;
  readonly data: unknown;
}

/**
 * What a GET on a files path answers: bytes for a file (with its version, the server's `ETag`, for
 * files small enough to be versioned), a listing page for a folder.
 */
export type FileOrListing =
  | { readonly kind: "file"; readonly bytes: Uint8Array; readonly version?: string }
  | { readonly kind: "directory"; readonly listing: Listing };

export interface SearchHit {
  readonly path: string;
  readonly content: string;
  readonly score: number;
  readonly startLine: number;
  readonly endLine: number;
  readonly symbol: string | null;
  readonly language: string | null;
}

export interface GrepMatch {
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

/** A precondition of a write: the file is still at `version`, or it does not exist yet. */
export type WriteCondition = { readonly ifVersion: string } | { readonly ifAbsent: true };
