import * as vscode from "vscode";
import type { OncellClient } from "./api/client";
import { OncellError } from "./api/errors";
import type { RunEvent } from "./api/types";
import { describeEvent, outcomeText, progressMessage } from "./runEvents";

/**
 * Runs `method` for `customer` with progress in a notification (cancellable: cancelling the
 * notification cancels the run on the server), its events in the output channel.
 */
export async function runWithProgress(
  client: OncellClient,
  output: vscode.OutputChannel,
  customer: string,
  method: string,
  input: unknown,
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
        const { last } = await client.runMethod(
          method,
          customer,
          input,
          (e) => {
            output.appendLine(describeEvent(e));
            progress.report({ message: progressMessage(e) });
          },
          {
            signal: abort.signal,
            onRunId: (id) => {
              runId = id;
              output.appendLine(`run ${id}`);
            },
            onReconnect: (n, err) => output.appendLine(`… event stream dropped (${err.message}); reconnecting, attempt ${n}`),
          },
        );
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
