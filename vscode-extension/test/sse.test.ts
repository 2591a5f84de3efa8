import { describe, expect, it } from "vitest";
import { MAX_EVENT_CHARS, SseEvent, SseParser } from "../src/api/sse";

function parse(...chunks: string[]): { events: SseEvent[]; parser: SseParser } {
  const events: SseEvent[] = [];
  const parser = new SseParser((e) => events.push(e));
  for (const c of chunks) {
    parser.push(c);
  }
  return { events, parser };
}

describe("SseParser", () => {
  it("reads the server's frames", () => {
    const { events, parser } = parse('id: 1\nevent: log\ndata: {"a":1}\n\nid: 2\nevent: result\ndata: 42\n\n');
    expect(events).toEqual([
      { id: "1", event: "log", data: '{"a":1}' },
      { id: "2", event: "result", data: "42" },
    ]);
    expect(parser.lastEventId).toBe("2");
  });

  it("joins frames split anywhere, CRLF included", () => {
    const text = "id: 7\r\nevent: progress\r\ndata: x\r\n\r\n";
    for (let cut = 1; cut < text.length; cut++) {
      const { events } = parse(text.slice(0, cut), text.slice(cut));
      expect(events, `cut at ${cut}`).toEqual([{ id: "7", event: "progress", data: "x" }]);
    }
  });

  it("skips keep-alive comments and unknown fields", () => {
    const { events } = parse(": keep-alive\n\nretry: 10\nfoo: bar\nid: 3\ndata: a\ndata: b\n\n");
    expect(events).toEqual([{ id: "3", event: "message", data: "a\nb" }]);
  });

  it("keeps an unfinished event until its blank line", () => {
    const { events, parser } = parse("id: 1\ndata: a\n");
    expect(events).toEqual([]);
    expect(parser.lastEventId).toBeUndefined();
  });

  it("refuses an event larger than the bound", () => {
    const parser = new SseParser(() => undefined);
    expect(() => parser.push("data: " + "x".repeat(MAX_EVENT_CHARS + 1))).toThrow(/too long/);
  });
});
