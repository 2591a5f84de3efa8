package dev.oncell.lsp;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Runs every request off LSP4J's reader thread, on a virtual thread each (they block on HTTP). When
 * the client cancels a request ({@code $/cancelRequest}), LSP4J cancels its future and answers it
 * as cancelled; this then interrupts the request's thread, which ends a call to the oncell server
 * in progress, and the body's {@link CancelChecker} stops it between calls.
 */
final class Async implements AutoCloseable {

  /** How long {@link #close()} lets requests in flight finish, so their answers go out. */
  static final Duration DRAIN = Duration.ofSeconds(5);

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncell-lsp-", 0).factory());
  private final ExecutorService background =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncell-lsp-run-", 0).factory());

  private volatile boolean refusing;

  /** After {@code shutdown}: new requests are refused, as the protocol says. */
  void refuseNewRequests() {
    refusing = true;
  }

  /** {@code body} on its own thread; whatever it throws becomes a JSON-RPC error. */
  <T> CompletableFuture<T> run(Function<CancelChecker, T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (refusing) {
      result.completeExceptionally(Failures.shutDown());
      return result;
    }
    CancelChecker checker =
        () -> {
          if (result.isCancelled()) {
            throw new CancellationException("the client cancelled the request");
          }
        };
    Future<?> task =
        executor.submit(
            () -> {
              try {
                checker.checkCanceled();
                result.complete(body.apply(checker));
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(Failures.toResponseError(e));
              }
            });
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            task.cancel(true);
          }
        });
    return result;
  }

  /** A background task (following a run), not tied to a request. */
  void background(Runnable task) {
    background.execute(task);
  }

  /**
   * Stops following runs at once and lets requests in flight answer (up to {@link #DRAIN}): an
   * editor may send {@code exit} right behind a request.
   */
  @Override
  public void close() {
    background.shutdownNow();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
