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
    return toBuilder().timeout(value).build();
  }

  public SearchLimits withThreads(int value) {
    return toBuilder().threads(value).build();
  }

  public SearchLimits withIndexThreads(int value) {
    return toBuilder().indexThreads(value).build();
  }

  public SearchLimits withQueue(int value) {
    return toBuilder().queue(value).build();
  }

  /** A builder that starts from these values, for changing several at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes values; {@link #build} checks them as the constructor does. */
  public static final class Builder {
    private Duration timeout;
    private int threads;
    private int indexThreads;
    private int queue;

    private Builder(SearchLimits from) {
      this.timeout = from.timeout();
      this.threads = from.threads();
      this.indexThreads = from.indexThreads();
      this.queue = from.queue();
    }

    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    public Builder threads(int value) {
      this.threads = value;
      return this;
    }

    public Builder indexThreads(int value) {
      this.indexThreads = value;
      return this;
    }

    public Builder queue(int value) {
      this.queue = value;
      return this;
    }

    public SearchLimits build() {
      return new SearchLimits(timeout, threads, indexThreads, queue);
    }
  }
}
