package dev.oncell.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** Requests run off the reader thread, and a cancelled one stops its work. */
class AsyncTest {

  @Test
  void aCancelledRequestInterruptsItsBlockedThread() throws Exception {
    try (Async async = new Async()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      CompletableFuture<String> request =
          async.run(
              cancel -> {
                started.countDown();
                try {
                  new CountDownLatch(1).await(); // blocked as on a slow server
                  return "never";
                } catch (InterruptedException e) {
                  interrupted.countDown();
                  throw new IllegalStateException("interrupted", e);
                }
              });
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

      request.cancel(true);

      assertThat(interrupted.await(30, TimeUnit.SECONDS))
          .as("the request's thread is interrupted")
          .isTrue();
      assertThat(request).isCancelled();
    }
  }

  @Test
  void anEditorHasAtMostSoManyRequestsInFlightAndTheNextIsBusyAtOnce() throws Exception {
    try (Async async = new Async()) {
      CountDownLatch release = new CountDownLatch(1);
      java.util.List<CompletableFuture<String>> blocked = new java.util.ArrayList<>();
      for (int i = 0; i < Async.MAX_IN_FLIGHT; i++) {
        blocked.add(
            async.run(
                cancel -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "done";
                }));
      }

      Throwable busy = catchThrowable(() -> async.run(cancel -> "x").get(30, TimeUnit.SECONDS));
      assertThat(busy).isInstanceOf(ExecutionException.class);
      assertThat(((ResponseErrorException) busy.getCause()).getResponseError().getData().toString())
          .contains("\"busy\"");

      release.countDown();
      for (CompletableFuture<String> request : blocked) {
        assertThat(request.get(30, TimeUnit.SECONDS)).isEqualTo("done");
      }
      assertThat(async.run(cancel -> "again").get(30, TimeUnit.SECONDS))
          .as("answered requests free their places")
          .isEqualTo("again");
    }
  }

  @Test
  void aBackgroundTaskAfterCloseIsDroppedNotAFailureOfItsRequest() {
    // exit right behind initialize: initialize still answers although its watch cannot start.
    Async async = new Async();
    async.close();
    java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
    async.background(() -> ran.set(true));
    assertThat(ran).isFalse();
    assertThat(async.terminated()).isTrue();
  }

  @Test
  void aFailureIsAResponseErrorAndTheRequestRunsOnAnotherThread() {
    try (Async async = new Async()) {
      Thread caller = Thread.currentThread();
      CompletableFuture<Thread> ran = async.run(cancel -> Thread.currentThread());
      assertThat(ran.join()).isNotSameAs(caller);
      assertThat(ran.join().isVirtual()).isTrue();

      Throwable thrown =
          catchThrowable(
              () ->
                  async
                      .run(
                          cancel -> {
                            throw new IllegalStateException("boom");
                          })
                      .get(30, TimeUnit.SECONDS));
      assertThat(thrown).isInstanceOf(ExecutionException.class);
      assertThat(thrown.getCause()).isInstanceOf(ResponseErrorException.class);
      assertThat(((ResponseErrorException) thrown.getCause()).getResponseError().getMessage())
          .contains("boom");
    }
  }
}
