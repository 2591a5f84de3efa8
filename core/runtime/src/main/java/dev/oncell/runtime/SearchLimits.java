package dev.oncell.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the host the cells' code search may take. Searches and greps run on a pool of {@code
 * threads} named platform threads ({@code oncell-search-N}) and index runs on one of {@code
 * indexThreads} ({@code oncell-index-run-N}), never on the threads that handle requests, so a
 * costly regex cannot starve the HTTP server (health included). Each pool queues at most {@code
 * queue} more requests; past that a request is refused at once as {@code busy} (HTTP 503 with
 * {@code Retry-After}). A search or grep that runs longer than {@code timeout} is stopped and
 * answered {@code search_timeout} (HTTP 503); index runs have no deadline (they resume where they
 * stopped), but closing the host stops them.
 *
 * @param timeout the time budget of one search or grep, queueing included
 * @param threads threads running searches and greps
 * @param indexThreads threads running index runs
 * @param queue most requests waiting for a thread, per pool
 */
public record SearchLimits(Duration timeout, int threads, int indexThreads, int queue) {

  public SearchLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("search timeout must be positive: " + timeout);
    }
    if (threads < 1 || indexThreads < 1) {
      throw new IllegalArgumentException(
          "search threads must be at least 1: " + threads + ", " + indexThreads);
    }
    if (queue < 0) {
      throw new IllegalArgumentException("search queue must not be negative: " + queue);
    }
  }

  /**
   * 10 s a search or grep; one thread fewer than the host has cores (at least one) for each pool;
   * 32 requests queued per pool.
   */
  public static SearchLimits defaults() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    return new SearchLimits(Duration.ofSeconds(10), threads, threads, 32);
  }

  public SearchLimits withTimeout(Duration value) {
    return new SearchLimits(value, threads, indexThreads, queue);
  }

  public SearchLimits withThreads(int value) {
    return new SearchLimits(timeout, value, indexThreads, queue);
  }

  public SearchLimits withIndexThreads(int value) {
    return new SearchLimits(timeout, threads, value, queue);
  }

  public SearchLimits withQueue(int value) {
    return new SearchLimits(timeout, threads, indexThreads, value);
  }
}
