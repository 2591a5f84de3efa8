package dev.oncell.sandbox.internal.runsc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletes gVisor containers off the caller's thread. {@code runsc delete} waits for the sandbox to
 * go (1.2-2 s here), which belongs neither on a pause nor on the next wake's path. The container's
 * processes are killed before the delete is queued, so nothing of the cell runs once {@code
 * close()} returns; what remains is runsc's own teardown (sandbox and gofer processes, state,
 * cgroup).
 *
 * <p>Pending deletes are kept per cell, JVM-wide (keyed by the cell's container id prefix, which
 * includes the runtime folder's hash), so that whatever must wait for them (unmounting the cell's
 * disk, a test checking that nothing is left) can, whichever backend instance started them.
 */
final class RunscDeletes {

  private static final Map<String, CompletableFuture<Void>> PENDING = new ConcurrentHashMap<>();

  /** How long a JVM going down waits for the deletes under way; verify() sweeps what is left. */
  private static final long SHUTDOWN_WAIT_SECONDS = 15;

  static {
    // A host (or a test run) going down should not leave the last paused cells' sandboxes behind.
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("oncell-runsc-delete-at-exit")
                .unstarted(RunscDeletes::awaitAllBriefly));
  }

  private RunscDeletes() {}

  /**
   * Deletes {@code containerId} (of the cell whose container ids start with {@code cellPrefix}) on
   * a named thread; returns when the cell's deletes, this one included, are done.
   */
  static CompletableFuture<Void> deleteInBackground(
      Runsc runsc, String cellPrefix, String containerId) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    PENDING.merge(cellPrefix, done, (earlier, mine) -> CompletableFuture.allOf(earlier, mine));
    CompletableFuture<Void> all = PENDING.get(cellPrefix);
    Thread.ofPlatform()
        .name("oncell-runsc-delete-" + containerId)
        // A host going down leaves the container to the next verify(), which sweeps it.
        .daemon(true)
        .start(
            () -> {
              try {
                runsc.destroy(containerId);
              } finally {
                done.complete(null);
                PENDING.computeIfPresent(cellPrefix, (k, v) -> v.isDone() ? null : v);
              }
            });
    return all;
  }

  /** Waits until every delete started for the cell has finished. */
  static void await(String cellPrefix) {
    // destroy() never fails the future (it is quiet when the container is already gone).
    Optional.ofNullable(PENDING.get(cellPrefix)).ifPresent(CompletableFuture::join);
  }

  private static void awaitAllBriefly() {
    try {
      CompletableFuture.allOf(PENDING.values().toArray(CompletableFuture[]::new))
          .get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // left to the next verify()
    }
  }
}
