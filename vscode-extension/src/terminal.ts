import * as vscode from "vscode";
import type { OncellClient } from "./api/client";
import { OncellError } from "./api/errors";
import { shellQuote } from "./fs/cellFiles";
import { LineEditor, relativeToWork, toTerminal } from "./lineEditor";

/**
 * A terminal on the cell: each line runs as one `POST /shell` call in the cell's working folder,
 * which `cd` changes (inside /work only). Shows the folder in the prompt and a non-zero exit code.
 * There is no interactive shell behind it: no job control, no programs that read the keyboard.
 */
export class CellTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writer.event;
  private readonly editor = new LineEditor();
  private cwd = "";
  private busy = false;
  private readonly queue: string[] = [];

  constructor(
    private readonly client: OncellClient,
    private readonly customer: string,
  ) {}

  open(): void {
    this.writer.fire(`oncell terminal on ${this.customer}: each line runs in the cell (exit codes shown)\r\n`);
    this.prompt();
  }

  close(): void {
    this.writer.dispose();
  }

  handleInput(data: string): void {
    const { echo, lines, interrupted } = this.editor.feed(data);
    if (echo) this.writer.fire(echo);
    if (interrupted && !this.busy) this.prompt();
    this.queue.push(...lines);
    this.drain();
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let line = this.queue.shift(); line !== undefined; line = this.queue.shift()) {
        await this.run(line.trim());
        this.prompt();
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(line: string): Promise<void> {
    if (line === "") return;
    try {
      const cd = /^cd(?:\s+(.*))?$/.exec(line);
      if (cd) {
        const target = cd[1]?.trim() || "/work";
        const r = await this.client.shell(this.customer, `cd -- ${shellQuote(target)} && pwd`, this.cwd);
        const folder = r.exitCode === 0 ? relativeToWork(r.stdout) : undefined;
        if (folder === undefined) {
          this.writer.fire(toTerminal(r.exitCode === 0 ? "cd: the terminal stays inside /work\n" : r.stderr));
        } else {
          this.cwd = folder;
        }
        return;
      }
      const r = await this.client.shell(this.customer, line, this.cwd);
      this.writer.fire(toTerminal(r.stdout));
      if (r.stderr) this.writer.fire(`\x1b[31m${toTerminal(r.stderr)}\x1b[0m`);
      if (r.stdout && !r.stdout.endsWith("\n")) this.writer.fire("\r\n");
      if (r.timedOut) this.writer.fire("\x1b[33m[timed out]\x1b[0m\r\n");
      else if (r.exitCode !== 0) this.writer.fire(`\x1b[33m[exit ${r.exitCode}]\x1b[0m\r\n`);
    } catch (e) {
      const message = e instanceof OncellError ? `${e.message} [${e.code}]` : String(e);
      this.writer.fire(`\x1b[31m${toTerminal(message)}\x1b[0m\r\n`);
    }
  }

  private prompt(): void {
    this.writer.fire(`\x1b[36m${this.customer}:/work${this.cwd ? "/" + this.cwd : ""}\x1b[0m$ `);
  }
}
