package dev.oncell.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.RunEvent;
import dev.oncell.client.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Follows one run's events and shows them in the editor: {@code $/progress} begin, a report per
 * event, end with the outcome; each event as a log line; the result's findings as diagnostics. A
 * dropped event stream is resumed from the last event seen ({@code Last-Event-ID}), so no event is
 * lost or shown twice.
 */
final class RunProgress {

  /** Resumptions of a dropped stream before giving up on showing the run. */
  static final int MAX_RESUMES = 5;

  private static final int MAX_MESSAGE_CHARS = 300;

  private final OncellClient client;
  private final LanguageClient editor;
  private final CellUris uris;
  private final String runId;
  private final String method;
  private final Either<String, Integer> token;
  private final boolean progressSupported;
  private final Runnable afterRun;
  private long lastEventId;
  private int percentage;
  private final Map<String, List<Diagnostic>> proposed = ProposedEdits.byPath();

  RunProgress(
      OncellClient client,
      LanguageClient editor,
      CellUris uris,
      String runId,
      String method,
      String token,
      boolean progressSupported,
      Runnable afterRun) {
    this.client = client;
    this.editor = editor;
    this.uris = uris;
    this.runId = runId;
    this.method = method;
    this.token = Either.forLeft(token);
    this.progressSupported = progressSupported;
    this.afterRun = afterRun;
  }

  void follow() {
    boolean showing = progressSupported && createProgress();
    if (showing) {
      WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
      begin.setTitle("oncell: " + method);
      begin.setCancellable(true);
      begin.setMessage("run " + runId);
      begin.setPercentage(0);
      notify(begin, showing);
    }
    for (int attempt = 0; attempt <= MAX_RESUMES; attempt++) {
      try {
        client.runs().events(runId, lastEventId, event -> onEvent(event, showing));
        return;
      } catch (OncellApiException e) {
        if (!e.retryable() && !e.code().equals("disconnected")) {
          end("could not follow the run: " + e.getMessage(), showing);
          return;
        }
      }
    }
    end("lost the run's event stream; it goes on in the cell", showing);
  }

  private void onEvent(RunEvent event, boolean showing) {
    if (event.id() <= lastEventId) {
      return;
    }
    lastEventId = event.id();
    log(event);
    if (event.last()) {
      finish(event, showing);
      return;
    }
    if (event.type().equals(ProposedEdits.EVENT)) {
      ProposedEdits.add(event.data(), "oncell " + method, proposed);
    }
    WorkDoneProgressReport report = new WorkDoneProgressReport();
    report.setMessage(event.type() + summary(event.data()));
    progressOf(event.data()).ifPresent(p -> percentage = Math.max(percentage, p));
    report.setPercentage(percentage);
    report.setCancellable(true);
    notify(report, showing);
  }

  private void finish(RunEvent event, boolean showing) {
    RunResult result = event.runResult().orElseThrow();
    publish(result.result().orElse(null));
    String outcome =
        result
            .error()
            .map(e -> result.status() + ": " + e.code() + ": " + e.message())
            .orElse(result.status());
    if (!result.succeeded()) {
      editor.showMessage(
          new MessageParams(MessageType.Error, "oncell: " + method + " " + clip(outcome)));
    }
    end(outcome, showing);
    afterRun.run();
  }

  /** The result's findings and the edits proposed during the run, one publication per file. */
  private void publish(JsonNode result) {
    Map<String, List<Diagnostic>> byPath =
        result == null ? ProposedEdits.byPath() : FindingDiagnostics.of(result, "oncell " + method);
    proposed.forEach(
        (path, edits) -> byPath.computeIfAbsent(path, k -> new ArrayList<>()).addAll(edits));
    byPath.forEach(
        (path, diagnostics) ->
            editor.publishDiagnostics(new PublishDiagnosticsParams(uris.uri(path), diagnostics)));
  }

  private void end(String message, boolean showing) {
    WorkDoneProgressEnd end = new WorkDoneProgressEnd();
    end.setMessage(clip(message));
    notify(end, showing);
  }

  private void notify(WorkDoneProgressNotification value, boolean showing) {
    if (showing) {
      editor.notifyProgress(new ProgressParams(token, Either.forLeft(value)));
    }
  }

  /** Asks the client for the token; a client that refuses or does not answer gets no progress. */
  private boolean createProgress() {
    try {
      editor.createProgress(new WorkDoneProgressCreateParams(token)).get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void log(RunEvent event) {
    editor.logMessage(
        new MessageParams(
            MessageType.Log,
            "["
                + runId
                + "] "
                + event.id()
                + " "
                + event.type()
                + " "
                + clip(event.data().toString())));
  }

  /** A progress of 0..1 (or 0..100) in an event's {@code progress} field, as a percentage. */
  static java.util.OptionalInt progressOf(JsonNode data) {
    JsonNode progress = data.path("progress");
    if (!progress.isNumber()) {
      return java.util.OptionalInt.empty();
    }
    double value = progress.asDouble();
    int percent = (int) Math.round(value <= 1.0 ? value * 100 : value);
    return java.util.OptionalInt.of(Math.clamp(percent, 0, 100));
  }

  private static String summary(JsonNode data) {
    for (String field : new String[] {"step", "message", "status"}) {
      if (data.path(field).isTextual()) {
        return ": " + clip(data.get(field).asText());
      }
    }
    return "";
  }

  private static String clip(String text) {
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
