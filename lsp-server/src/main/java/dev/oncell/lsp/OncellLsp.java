package dev.oncell.lsp;

import dev.oncell.client.OncellClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * Starts the language server of one cell: on a pair of streams (standard input and output for
 * {@code oncell lsp}, piped streams in tests), or on whole messages (a WebSocket's text messages:
 * {@code oncell serve} puts it behind {@code /v1/customers/:id/lsp}). Either way the server is the
 * same {@link OncellLanguageServer}, a client of the HTTP API with the caller's key.
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
            .configureGson(AnnotatedEdits::register)
            .create();
    server.connect(launcher.getRemoteProxy());
    listening[0] = launcher.startListening();
    return new Running(server, listening[0]);
  }

  /**
   * A language server on whole messages.
   *
   * @param server the language server
   * @param receive takes each message the editor sent (one JSON-RPC message, no header), in order;
   *     it hands requests to their handlers and returns
   * @param close ends the session: runs stop being followed, requests in flight answer (up to a few
   *     seconds), the HTTP client closes; idempotent
   */
  public record MessageSession(
      OncellLanguageServer server, Consumer<String> receive, Runnable close) {}

  /**
   * Serves {@code customer}'s cell on whole messages, reaching the oncell server at {@code apiUrl}
   * with {@code apiKey}: each message for the editor goes to {@code toEditor}; {@code exit} calls
   * {@code onExit} (which should close the transport, and with it the session).
   */
  public static MessageSession overMessages(
      URI apiUrl, String apiKey, String customer, Consumer<String> toEditor, Runnable onExit) {
    Objects.requireNonNull(toEditor, "toEditor");
    Objects.requireNonNull(onExit, "onExit");
    OncellClient client = OncellClient.create(apiUrl, apiKey);
    OncellLanguageServer server = new OncellLanguageServer(client, customer, onExit);
    MessageLauncher.Connection<OncellEditor> connection =
        MessageLauncher.connect(server, OncellEditor.class, toEditor);
    server.connect(connection.remote());
    AtomicBoolean closed = new AtomicBoolean();
    Runnable close =
        () -> {
          if (closed.compareAndSet(false, true)) {
            try {
              server.close();
            } finally {
              client.close();
            }
          }
        };
    return new MessageSession(server, connection.receive(), close);
  }

  @SuppressWarnings("unchecked")
  private static Future<Void>[] newFutureHolder() {
    return (Future<Void>[]) new Future<?>[1];
  }
}
