/**
 * A parser for server-sent events (the WHATWG `text/event-stream` format), fed in chunks as they
 * arrive. Kept free of any I/O so the resume logic built on it can be tested without a server.
 */

/** One event as the oncell server sends it: `id` is the run's event sequence number. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/** Most a single event may grow to before the stream is refused: a hostile or broken server must not fill memory. */
export const MAX_EVENT_CHARS = 8 * 1024 * 1024;

export class SseParser {
  private buffer = "";
  private id: string | undefined;
  private event = "";
  private data: string[] = [];
  private dataChars = 0;
  /** The id of the last complete event, what a reconnect sends as `Last-Event-ID`. */
  lastEventId: string | undefined;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /** Feeds decoded text; calls `onEvent` once per complete event. */
  push(chunk: string): void {
    this.buffer += chunk;
    let start = 0;
    for (;;) {
      const end = this.lineEnd(start);
      if (end === undefined) {
        break;
      }
      this.line(this.buffer.slice(start, end.at));
      start = end.next;
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > MAX_EVENT_CHARS) {
      throw new Error("server-sent event line too long");
    }
  }

  private lineEnd(from: number): { at: number; next: number } | undefined {
    for (let i = from; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c === 10) {
        return { at: i, next: i + 1 };
      }
      if (c === 13) {
        if (i + 1 >= this.buffer.length) {
          return undefined; // a CR at the end may be the first half of CRLF: wait for more
        }
        return { at: i, next: this.buffer.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
      }
    }
    return undefined;
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) {
      return; // a comment, such as the server's keep-alive
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    switch (field) {
      case "id":
        if (!value.includes("\0")) {
          this.id = value;
        }
        break;
      case "event":
        this.event = value;
        break;
      case "data":
        this.dataChars += value.length + 1;
        if (this.dataChars > MAX_EVENT_CHARS) {
          throw new Error("server-sent event too large");
        }
        this.data.push(value);
        break;
      default:
        break; // "retry" and unknown fields are ignored
    }
  }

  private dispatch(): void {
    if (this.id !== undefined) {
      this.lastEventId = this.id;
    }
    if (this.data.length > 0) {
      this.onEvent({ id: this.id, event: this.event || "message", data: this.data.join("\n") });
    }
    this.id = undefined;
    this.event = "";
    this.data = [];
    this.dataChars = 0;
  }
}
