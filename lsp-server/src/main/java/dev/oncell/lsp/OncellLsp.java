package dev.oncell.lsp;

import dev.oncell.client.OncellClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * Starts the language server of one cell on a pair of streams: standard input and output for {@code
 * oncell lsp}, piped streams in tests. The WebSocket transport (browser editors) is not built yet.
 */
public final class OncellLsp {

  private OncellLsp() {}

  /** A language server listening on its streams. */
  public record Running(OncellLanguageServer server, Future<Void> listening) {

    /** Waits until the client closes the input or sends {@code exit}. */
    public void awaitEnd() throws InterruptedException {
      try {
        listening.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the language server's connection failed", e.getCause());
      } catch (java.util.concurrent.CancellationException e) {
        // exit: the listener was stopped.
      }
    }
  }

  /**
   * Serves {@code customer}'s cell through {@code client} on {@code in}/{@code out}. LSP4J reads
   * messages on a thread of its own; handlers answer on virtual threads.
   */
  public static Running start(
      OncellClient client, String customer, InputStream in, OutputStream out) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("oncell-lsp-reader").daemon().factory());
    Future<Void>[] listening = newFutureHolder();
    OncellLanguageServer server =
        new OncellLanguageServer(
            client,
            customer,
            () -> {
              if (listening[0] != null) {
                listening[0].cancel(true);
              }
              reader.shutdownNow();
            });
    Launcher<OncellEditor> launcher =
        new Launcher.Builder<OncellEditor>()
            .setLocalService(server)
            .setRemoteInterface(OncellEditor.class)
            .setInput(in)
            .setOutput(out)
            .setExecutorService(reader)
            .create();
    server.connect(launcher.getRemoteProxy());
    listening[0] = launcher.startListening();
    return new Running(server, listening[0]);
  }

  @SuppressWarnings("unchecked")
  private static Future<Void>[] newFutureHolder() {
    return (Future<Void>[]) new Future<?>[1];
  }
}
