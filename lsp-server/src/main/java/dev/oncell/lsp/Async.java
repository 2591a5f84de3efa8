package dev.oncell.lsp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;

/**
 * Runs every request off LSP4J's reader thread, on a virtual thread each (they block on HTTP). A
 * request that the client cancels ({@code $/cancelRequest}) is answered as cancelled at once; its
 * body checks the {@link CancelChecker} between calls to the server and stops there.
 */
final class Async implements AutoCloseable {

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncell-lsp-", 0).factory());

  /** {@code body} on its own thread; whatever it throws becomes a JSON-RPC error. */
  <T> CompletableFuture<T> run(Function<CancelChecker, T> body) {
    return CompletableFutures.computeAsync(
        executor,
        cancel -> {
          try {
            cancel.checkCanceled();
            T result = body.apply(cancel);
            cancel.checkCanceled();
            return result;
          } catch (RuntimeException e) {
            throw Failures.toResponseError(e);
          }
        });
  }

  /** A background task (following a run), not tied to a request. */
  void background(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
