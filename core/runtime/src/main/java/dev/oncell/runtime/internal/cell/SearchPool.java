package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.SearchLimits;
import dev.oncell.search.Budget;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The host's pools for code search: searches and greps on {@code oncell-search-N}, index runs on
 * {@code oncell-index-run-N}, both bounded platform threads with bounded queues, so that CPU-heavy
 * work never runs on (and never pins) the virtual threads that handle requests. The caller waits
 * for its work without holding a carrier thread.
 *
 * <p>A search or grep gets a {@link Budget} of {@link SearchLimits#timeout()} from the moment it is
 * queued; the work checks it and stops, and the caller stops waiting a moment after the deadline
 * even if the work has not noticed yet. A full queue is refused at once ({@code busy}). {@link
 * #close()} cancels every budget, drops what is queued and releases every waiting caller, so that a
 * host closes while a pathological grep runs.
 */
public final class SearchPool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SearchPool.class.getName());

  /** How long past its deadline a caller still waits for work to notice its budget. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private final SearchLimits limits;
  private final ThreadPoolExecutor searches;
  private final ThreadPoolExecutor indexRuns;
  private final Set<Job> jobs = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private record Job(Budget budget, Future<?> future) {}

  public SearchPool(SearchLimits limits) {
    this.limits = limits;
    this.searches = pool("oncell-search", limits.threads(), limits.queue());
    this.indexRuns = pool("oncell-index-run", limits.indexThreads(), limits.queue());
  }

  private static ThreadPoolExecutor pool(String prefix, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory named =
        r -> {
          Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        queue == 0
            ? new java.util.concurrent.SynchronousQueue<>()
            : new ArrayBlockingQueue<>(queue),
        named,
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** The time budget of one search or grep. */
  Duration timeout() {
    return limits.timeout();
  }

  /**
   * Runs a search or grep on the search pool within a budget of {@link SearchLimits#timeout()}.
   *
   * @throws CellException UNAVAILABLE {@code busy} when the queue is full, {@code search_timeout}
   *     when the budget ran out, {@code shutting_down} when the host closes meanwhile
   */
  <T> T search(Function<Budget, T> work) {
    return run(searches, Budget.of(limits.timeout()), work, true);
  }

  /** Runs an index run on the index-run pool, without a deadline. */
  <T> T indexRun(Function<Budget, T> work) {
    return run(indexRuns, Budget.cancellable(), work, false);
  }

  private <T> T run(
      ThreadPoolExecutor pool, Budget budget, Function<Budget, T> work, boolean deadline) {
    if (closed) {
      throw shuttingDown();
    }
    Future<T> future;
    try {
      future = pool.submit(() -> work.apply(budget));
    } catch (RejectedExecutionException e) {
      if (closed) {
        throw shuttingDown();
      }
      throw new CellException(
          ErrorKind.UNAVAILABLE,
          "busy",
          "the host is running as many code searches as it allows and "
              + pool.getQueue().size()
              + " more are waiting; try again in a moment");
    }
    Job job = new Job(budget, future);
    jobs.add(job);
    try {
      if (closed) {
        throw shuttingDown(); // close() may have missed this job
      }
      if (!deadline) {
        return future.get();
      }
      long wait = budget.remaining().plus(GRACE).toMillis();
      return future.get(wait, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw CellException.internal("code search failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new CellException(
          ErrorKind.UNAVAILABLE,
          "search_timeout",
          "the search took longer than its budget of "
              + limits.timeout().toMillis()
              + " ms and was stopped; narrow it with a glob, a more specific regex or query");
    } catch (CancellationException e) {
      throw shuttingDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CellException(ErrorKind.UNAVAILABLE, "cancelled", "the search was cancelled");
    } finally {
      jobs.remove(job);
      budget.cancel(); // whatever still runs for this caller stops at its next check
      future.cancel(true);
    }
  }

  private static CellException shuttingDown() {
    return new CellException(ErrorKind.UNAVAILABLE, "shutting_down", "the host is shutting down");
  }

  /**
   * Cancels every running search, grep and index run, drops the queued ones, releases their callers
   * and stops the threads (waiting a few seconds for them).
   */
  @Override
  public void close() {
    closed = true;
    for (Job job : jobs) {
      job.budget().cancel();
      job.future().cancel(true);
    }
    for (ThreadPoolExecutor pool : List.of(searches, indexRuns)) {
      for (Runnable queued : pool.shutdownNow()) {
        if (queued instanceof FutureTask<?> task) {
          task.cancel(false);
        }
      }
    }
    try {
      for (ThreadPoolExecutor pool : List.of(searches, indexRuns)) {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.log(Level.WARNING, "a code search thread did not stop within 5 s of closing");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
