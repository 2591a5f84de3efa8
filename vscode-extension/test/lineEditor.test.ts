import { describe, expect, it } from "vitest";
import { LineEditor, relativeToWork, toTerminal } from "../src/lineEditor";

describe("LineEditor", () => {
  it("echoes typing and hands over lines on Enter, pasted text included", () => {
    const e = new LineEditor();
    expect(e.feed("ls")).toEqual({ echo: "ls", lines: [], interrupted: false });
    expect(e.feed(" -l\rpwd\r")).toEqual({ echo: " -l\r\npwd\r\n", lines: ["ls -l", "pwd"], interrupted: false });
  });
  it("handles backspace, even of a character outside the BMP, and Ctrl-C", () => {
    const e = new LineEditor();
    e.feed("ab😀");
    expect(e.feed("\x7f").echo).toBe("\b \b");
    expect(e.pending).toBe("ab");
    expect(e.feed("\x03")).toEqual({ echo: "^C\r\n", lines: [], interrupted: true });
    expect(e.pending).toBe("");
    expect(e.feed("\x7f").echo).toBe("");
  });
  it("ignores arrow keys' escape sequences and other control keys", () => {
    const e = new LineEditor();
    expect(e.feed("a\x1b[A\x1b[1;5C\x01b").echo).toBe("ab");
    expect(e.pending).toBe("ab");
  });
});

describe("terminal helpers", () => {
  it("turns newlines into CRLF", () => {
    expect(toTerminal("a\nb\r\nc")).toBe("a\r\nb\r\nc");
  });
  it("keeps cd inside /work", () => {
    expect(relativeToWork("/work\n")).toBe("");
    expect(relativeToWork("/work/src/a\n")).toBe("src/a");
    expect(relativeToWork("/workshop")).toBeUndefined();
    expect(relativeToWork("/tmp")).toBeUndefined();
  });
});
