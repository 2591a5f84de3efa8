package dev.oncell.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.OncellClient;
import dev.oncell.client.Run;
import dev.oncell.lsp.OncellProtocol.RunAgentParams;
import dev.oncell.lsp.OncellProtocol.RunIdParams;
import dev.oncell.lsp.OncellProtocol.RunStarted;
import dev.oncell.lsp.OncellProtocol.RunStatus;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * {@code oncell/runAgent} and {@code oncell/cancelRun}: starts a run and answers its id at once,
 * then follows its events on a background thread as work-done progress ({@link RunProgress}). The
 * client cancels a run either with {@code oncell/cancelRun} or by cancelling its progress.
 */
final class RunRequests {

  static final String TOKEN_PREFIX = "oncell-run-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OncellClient client;
  private final String customer;
  private final Async async;
  private final CellUris uris;
  private final Supplier<Optional<LanguageClient>> editor;
  private final Supplier<Boolean> progressSupported;
  private final Runnable afterRun;

  RunRequests(
      OncellClient client,
      String customer,
      Async async,
      CellUris uris,
      Supplier<Optional<LanguageClient>> editor,
      Supplier<Boolean> progressSupported,
      Runnable afterRun) {
    this.client = client;
    this.customer = customer;
    this.async = async;
    this.uris = uris;
    this.editor = editor;
    this.progressSupported = progressSupported;
    this.afterRun = afterRun;
  }

  RunStarted start(RunAgentParams params) {
    if (params == null || params.method() == null || params.method().isBlank()) {
      throw Failures.invalidParams("invalid_method", "runAgent needs a method");
    }
    JsonNode input = input(params);
    String runId = client.agents().start(params.method(), customer, input);
    String token = TOKEN_PREFIX + runId;
    editor
        .get()
        .ifPresent(
            languageClient ->
                async.background(
                    new RunProgress(
                            client,
                            languageClient,
                            uris,
                            runId,
                            params.method(),
                            token,
                            progressSupported.get(),
                            afterRun)
                        ::follow));
    return new RunStarted(runId, token);
  }

  RunStatus cancel(RunIdParams params) {
    if (params == null || params.runId() == null || params.runId().isBlank()) {
      throw Failures.invalidParams("invalid_run_id", "cancelRun needs a runId");
    }
    Run run = client.runs().cancel(params.runId());
    return new RunStatus(run.runId(), run.status());
  }

  /** The client cancelled a run's progress: cancel the run; a finished one is left as it is. */
  void cancelProgress(String token) {
    if (!token.startsWith(TOKEN_PREFIX)) {
      return;
    }
    String runId = token.substring(TOKEN_PREFIX.length());
    async.background(
        () -> {
          try {
            client.runs().cancel(runId);
          } catch (OncellApiException e) {
            // run_finished or not_found: nothing to cancel any more.
          }
        });
  }

  private static JsonNode input(RunAgentParams params) {
    if (params.input() == null || params.input().isJsonNull()) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(params.input().toString());
    } catch (java.io.IOException e) {
      throw Failures.invalidParams("invalid_input", "input is not JSON: " + e.getMessage());
    }
  }
}
