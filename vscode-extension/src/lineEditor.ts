/**
 * The line editing of the cell terminal (a pseudoterminal has no shell behind it to do it): keys in,
 * what to echo and the finished lines out. Free of VS Code so it can be tested alone.
 */
export class LineEditor {
  private line = "";
  /** Inside an escape sequence (arrow keys send ESC [ A): skipped up to its final letter. */
  private escape: "none" | "started" | "csi" = "none";

  /** Feeds typed or pasted text; returns what to echo and every line finished by Enter. */
  feed(input: string): { echo: string; lines: string[]; interrupted: boolean } {
    let echo = "";
    const lines: string[] = [];
    let interrupted = false;
    for (const ch of input) {
      if (this.escape === "started") {
        this.escape = ch === "[" ? "csi" : "none";
        continue;
      }
      if (this.escape === "csi") {
        if (/[@-~]/.test(ch)) this.escape = "none";
        continue;
      }
      if (ch === "\x1b") {
        this.escape = "started";
      } else if (ch === "\r" || ch === "\n") {
        echo += "\r\n";
        lines.push(this.line);
        this.line = "";
      } else if (ch === "\x7f" || ch === "\b") {
        if (this.line.length > 0) {
          this.line = [...this.line].slice(0, -1).join("");
          echo += "\b \b";
        }
      } else if (ch === "\x03") {
        echo += "^C\r\n";
        this.line = "";
        interrupted = true;
      } else if (ch < " ") {
        // other control keys are not supported; ignore them
      } else {
        this.line += ch;
        echo += ch;
      }
    }
    return { echo, lines, interrupted };
  }

  get pending(): string {
    return this.line;
  }
}

/** Text from the cell for the terminal: bare newlines become CRLF, as a terminal needs. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

/** The cell-relative folder of an absolute path under /work, or undefined when it is outside. */
export function relativeToWork(absolute: string): string | undefined {
  const p = absolute.trim();
  if (p === "/work") return "";
  if (p.startsWith("/work/")) return p.slice("/work/".length);
  return undefined;
}
