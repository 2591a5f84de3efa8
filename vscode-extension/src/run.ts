import * as vscode from "vscode";
import type { OncellClient } from "./api/client";
import { OncellError } from "./api/errors";
import type { RunEvent } from "./api/types";
import { describeEvent, outcomeText, progressMessage } from "./runEvents";

/**
 * Runs `method` for `customer` with progress in a notification (cancellable: cancelling the
 * notification cancels the run on the server), its events in the output channel. With `start`, the
 * run is started by it (the cell's language server, which then also shows the run's findings as
 * diagnostics) and followed here; without, it is started through the HTTP API.
 */
export async function runWithProgress(
  client: OncellClient,
  output: vscode.OutputChannel,
  customer: string,
  method: string,
  input: unknown,
  start?: () => Promise<string>,
): Promise<RunEvent | undefined> {
  output.show(true);
  output.appendLine(`▶ ${method} on ${customer}`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `oncell: ${method} on ${customer}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      let runId: string | undefined;
      token.onCancellationRequested(() => {
        output.appendLine(`■ cancelling ${runId ?? "the run"}`);
        if (runId) client.cancelRun(runId).catch((e) => output.appendLine(`cancel failed: ${String(e)}`));
        else abort.abort();
      });
      try {
        const onEvent = (e: RunEvent): void => {
          output.appendLine(describeEvent(e));
          progress.report({ message: progressMessage(e) });
        };
        const options = {
          signal: abort.signal,
          onRunId: (id: string) => {
            runId = id;
            output.appendLine(`run ${id}`);
          },
          onReconnect: (n: number, err: OncellError) => output.appendLine(`… event stream dropped (${err.message}); reconnecting, attempt ${n}`),
        };
        const { last } = start
          ? await client.followRun(await start(), onEvent, options)
          : await client.runMethod(method, customer, input, onEvent, options);
        const outcome = outcomeText(last);
        output.appendLine(`${outcome.ok ? "✔" : "✖"} ${outcome.text}`);
        if (outcome.ok) vscode.window.showInformationMessage(`oncell: ${method} done: ${outcome.text}`);
        else vscode.window.showErrorMessage(`oncell: ${method} failed: ${outcome.text}`);
        return last;
      } catch (e) {
        const message = e instanceof OncellError ? `${e.message} [${e.code}]` : String(e);
        output.appendLine(`✖ ${message}`);
        vscode.window.showErrorMessage(`oncell: ${method} failed: ${message}`);
        return undefined;
      }
    },
  );
}
