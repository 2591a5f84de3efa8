import { OncellError, errorFromAnswer, redact } from "./errors";
import { SseParser } from "./sse";
import type { Customer, FileOrListing, GrepMatch, Listing, RunEvent, RunInfo, SearchHit, ShellResult, WriteCondition } from "./types";

/** How a dropped event stream is retried: a few times, waiting longer each time. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly delayMs: (attempt: number) => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  delayMs: (attempt) => Math.min(250 * 2 ** attempt, 5000),
};

/** Called for each run event, in order, never twice for the same `seq` even across reconnects. */
export type EventSink = (event: RunEvent) => void;

/** How a run's events are followed. */
export interface FollowOptions {
  readonly signal?: AbortSignal;
  readonly onRunId?: (runId: string) => void;
  readonly onReconnect?: ReconnectSink;
}

/** Called when the event stream dropped and is being resumed (for a "reconnecting" notice). */
export type ReconnectSink = (attempt: number, error: OncellError) => void;

/**
 * A client of the oncell HTTP API. The token goes only in the Authorization header; no error this
 * class throws contains it. Uses the platform's `fetch`, so it runs in VS Code's extension host,
 * in code-server and in Node's test runner alike.
 */
export class OncellClient {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** `GET /health`, then an authenticated call: tells a wrong URL from a wrong token. */
  async verify(): Promise<void> {
    await this.request("GET", "/health", { auth: false });
    await this.listCustomers();
  }

  async listCustomers(): Promise<Customer[]> {
    const answer = (await this.json("GET", "/v1/customers")) as { customers: Customer[] };
    return answer.customers;
  }

  async getCustomer(id: string): Promise<Customer> {
    return (await this.json("GET", `/v1/customers/${enc(id)}`)) as Customer;
  }

  async pause(id: string): Promise<Customer> {
    return (await this.json("POST", `/v1/customers/${enc(id)}/pause`)) as Customer;
  }

  async resume(id: string): Promise<Customer> {
    return (await this.json("POST", `/v1/customers/${enc(id)}/resume`)) as Customer;
  }

  /** A file's bytes or one page of a folder's listing, as the server's `X-Oncell-Entry` says. */
  async get(customer: string, path: string, after?: string): Promise<FileOrListing> {
    const query = after === undefined ? "" : `?after=${encodeURIComponent(after)}`;
    const res = await this.request("GET", `${filesPath(customer, path)}${query}`);
    if (res.headers.get("x-oncell-entry") === "directory") {
      return { kind: "directory", listing: (await res.json()) as Listing };
    }
    const version = unquote(res.headers.get("etag"));
    return { kind: "file", bytes: new Uint8Array(await res.arrayBuffer()), ...(version ? { version } : {}) };
  }

  /** Every entry of a folder, following the listing's pages. */
  async listAll(customer: string, path: string): Promise<Listing> {
    const first = await this.get(customer, path);
    if (first.kind !== "directory") {
      throw new OncellError("not_a_directory", `'${path}' is a file`, 400);
    }
    const entries = [...first.listing.entries];
    let next = first.listing.next;
    while (next !== null) {
      const page = await this.get(customer, path, next);
      if (page.kind !== "directory") {
        throw new OncellError("not_a_directory", `'${path}' changed into a file`, 409);
      }
      entries.push(...page.listing.entries);
      next = page.listing.next;
    }
    return { path: first.listing.path, entries, next: null };
  }

  /**
   * Writes a file; with a condition, only if the file is still at the version given (or still
   * absent): otherwise the server answers 409 `version_conflict` and writes nothing. Resolves with
   * the new version.
   */
  async write(customer: string, path: string, bytes: Uint8Array, condition?: WriteCondition): Promise<string | undefined> {
    const headers: Record<string, string> = {};
    if (condition && "ifVersion" in condition) headers["If-Match"] = `"${condition.ifVersion}"`;
    if (condition && "ifAbsent" in condition) headers["If-None-Match"] = "*";
    const res = await this.request("PUT", filesPath(customer, path), { body: bytes, headers });
    return unquote(res.headers.get("etag"));
  }

  async delete(customer: string, path: string, recursive: boolean): Promise<void> {
    await this.request("DELETE", `${filesPath(customer, path)}${recursive ? "?recursive=true" : ""}`);
  }

  async shell(customer: string, command: string, cwd?: string): Promise<ShellResult> {
    return (await this.json("POST", `/v1/customers/${enc(customer)}/shell`, {
      command,
      ...(cwd === undefined ? {} : { cwd }),
    })) as ShellResult;
  }

  /** The cell's index, best first (keyword and, when embedded, semantic). */
  async search(customer: string, query: string, topK = 30): Promise<SearchHit[]> {
    const answer = (await this.json("POST", `/v1/customers/${enc(customer)}/search`, { query, topK })) as { hits: SearchHit[] };
    return answer.hits;
  }

  /** (Re)indexes the cell's /work so that {@link search} finds its files. */
  async index(customer: string): Promise<void> {
    await this.json("POST", `/v1/customers/${enc(customer)}/index`, {});
  }

  async grep(customer: string, regex: string, limit = 500): Promise<{ matches: GrepMatch[]; truncated: boolean }> {
    return (await this.json("POST", `/v1/customers/${enc(customer)}/grep`, { regex, limit })) as {
      matches: GrepMatch[];
      truncated: boolean;
    };
  }

  async getRun(runId: string): Promise<RunInfo> {
    return (await this.json("GET", `/v1/runs/${enc(runId)}`)) as RunInfo;
  }

  async cancelRun(runId: string): Promise<RunInfo> {
    return (await this.json("POST", `/v1/runs/${enc(runId)}/cancel`)) as RunInfo;
  }

  /**
   * Starts `method` for `customer` and follows its events to the last one (`result` or `error`),
   * resuming from the last seen event with `Last-Event-ID` when the stream drops. Resolves with the
   * run id and the last event.
   */
  async runMethod(
    method: string,
    customer: string,
    input: unknown,
    onEvent: EventSink,
    options: FollowOptions = {},
  ): Promise<{ runId: string; last: RunEvent | undefined }> {
    const res = await this.request("POST", `/v1/agents/${enc(method)}/stream`, {
      body: JSON.stringify({ customer, input: input ?? null }),
      signal: options.signal,
    });
    const runId = res.headers.get("x-oncell-run-id");
    if (!runId) {
      throw new OncellError("no_run_id", "the server did not say which run it started", res.status);
    }
    return this.follow(runId, res, onEvent, options);
  }

  /** Follows the events of a run started elsewhere (by the language server), from its first. */
  async followRun(runId: string, onEvent: EventSink, options: FollowOptions = {}): Promise<{ runId: string; last: RunEvent | undefined }> {
    return this.follow(runId, undefined, onEvent, options);
  }

  private async follow(
    runId: string,
    first: Response | undefined,
    onEvent: EventSink,
    options: FollowOptions,
  ): Promise<{ runId: string; last: RunEvent | undefined }> {
    options.onRunId?.(runId);
    const state = { lastSeq: 0, last: undefined as RunEvent | undefined };
    const deliver = (event: RunEvent): void => {
      if (event.seq <= state.lastSeq) {
        return; // already seen before a reconnect
      }
      state.lastSeq = event.seq;
      state.last = event;
      onEvent(event);
    };
    let ended = first ? await this.readEvents(first, deliver, options.signal).catch(() => false) : false;
    let attempt = 0;
    let resumed = first !== undefined;
    while (!ended) {
      if (options.signal?.aborted) {
        throw new OncellError("cancelled", "stopped following the run", 0);
      }
      if (attempt >= this.retry.attempts) {
        throw new OncellError("stream_lost", `lost the event stream of run ${runId}`, 0);
      }
      if (resumed) await sleep(this.retry.delayMs(attempt), options.signal);
      resumed = true;
      try {
        const again = await this.request("GET", `/v1/runs/${enc(runId)}/events`, {
          headers: { "Last-Event-ID": String(state.lastSeq) },
          signal: options.signal,
        });
        attempt = 0;
        ended = await this.readEvents(again, deliver, options.signal);
      } catch (e) {
        const error = e instanceof OncellError ? e : new OncellError("unreachable", String(e), 0);
        if (!error.transient && error.status !== 0) {
          throw error;
        }
        attempt++;
        options.onReconnect?.(attempt, error);
      }
    }
    return { runId, last: state.last };
  }

  /** Reads one SSE answer; true when the run's last event came, false when the stream ended early. */
  private async readEvents(res: Response, deliver: EventSink, signal?: AbortSignal): Promise<boolean> {
    let done = false;
    const parser = new SseParser((e) => {
      const seq = Number(e.id);
      if (!Number.isSafeInteger(seq)) {
        return;
      }
      let data: unknown = e.data;
      try {
        data = JSON.parse(e.data);
      } catch {
        // keep the raw text
      }
      deliver({ seq, type: e.event, data });
      if (e.event === "result" || e.event === "error") {
        done = true;
      }
    });
    if (!res.body) {
      return false;
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    try {
      while (!done) {
        if (signal?.aborted) {
          return false;
        }
        const { value, done: eof } = await reader.read();
        if (eof) {
          break;
        }
        parser.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
    return done;
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.request(method, path, body === undefined ? {} : { body: JSON.stringify(body) });
    return res.status === 204 ? undefined : res.json();
  }

  private async request(
    method: string,
    path: string,
    options: { body?: string | Uint8Array; auth?: boolean; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    if (typeof options.body === "string") {
      headers["Content-Type"] = "application/json";
    }
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, { method, headers, body: options.body as BodyInit | undefined, signal: options.signal });
    } catch (e) {
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      throw new OncellError("unreachable", redact(`cannot reach ${this.baseUrl}: ${cause}`, this.token), 0);
    }
    if (!res.ok) {
      throw errorFromAnswer(res.status, await res.text().catch(() => ""), this.token);
    }
    return res;
  }
}

/** The files API path for `path` in `customer`'s cell, each segment percent-encoded. */
export function filesPath(customer: string, path: string): string {
  const segments = path.split("/").filter((s) => s.length > 0);
  for (const s of segments) {
    if (s === "." || s === "..") {
      throw new OncellError("invalid_path", `'${path}' must not contain '.' or '..' segments`, 400);
    }
  }
  return `/v1/customers/${enc(customer)}/files/${segments.map(enc).join("/")}`;
}

/** A strong ETag's value without its quotes; undefined for none or a weak one. */
function unquote(etag: string | null): string | undefined {
  const m = etag ? /^"([^"]*)"$/.exec(etag.trim()) : null;
  return m ? m[1] : undefined;
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
