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

  /**
   * Requests of one editor running at once. Each may hold a call to the oncell server; without a
   * bound, a hostile editor (a browser page on the WebSocket) could make the language server open
   * connections without end. Past it a request fails at once with {@code busy}.
   */
  static final int MAX_IN_FLIGHT = 64;

  /** How long {@link #close()} lets requests in flight finish, so their answers go out. */
  static final Duration DRAIN = Duration.ofSeconds(5);

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncell-lsp-", 0).factory());
  private final ExecutorService background =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncell-lsp-run-", 0).factory());

  private volatile boolean refusing;
  private final java.util.concurrent.Semaphore inFlight =
      new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);

  /** Requests and background tasks running now, for tests: none once closed and drained. */
  private final java.util.concurrent.atomic.AtomicInteger active =
      new java.util.concurrent.atomic.AtomicInteger();

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
    if (!inFlight.tryAcquire()) {
      result.completeExceptionally(Failures.busy(MAX_IN_FLIGHT));
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
              active.incrementAndGet();
              try {
                checker.checkCanceled();
                result.complete(body.apply(checker));
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(Failures.toResponseError(e));
              } finally {
                active.decrementAndGet();
              }
            });
    result.whenComplete(
        (value, error) -> {
          inFlight.release(); // answered (or cancelled): the editor may send another
          if (result.isCancelled()) {
            task.cancel(true);
          }
        });
    return result;
  }

  /**
   * A background task (following a run, watching open files), not tied to a request; dropped once
   * closed.
   */
  void background(Runnable task) {
    try {
      background.execute(
          () -> {
            active.incrementAndGet();
            try {
              task.run();
            } finally {
              active.decrementAndGet();
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closed (exit came right behind the request): nothing is followed any more.
    }
  }

  /** Tasks running now (requests and runs followed). */
  int active() {
    return active.get();
  }

  /** Whether it was closed and every task has ended. */
  boolean terminated() {
    return executor.isTerminated() && background.isTerminated();
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
