package dev.oncell.search.internal.index;

import dev.oncell.search.Budget;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.FileSymbol;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchException;
import dev.oncell.search.SearchHit;
import dev.oncell.search.SearchMode;
import dev.oncell.search.internal.analysis.CodeAnalyzer;
import dev.oncell.search.internal.files.Glob;
import dev.oncell.search.internal.files.Scope;
import dev.oncell.search.internal.grep.GrepPattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene {@link CodeIndex}: validates every call before it changes anything, serializes index
 * runs, resumes an interrupted run and the embeddings in the background when opened, and closes
 * leaving a consistent, committed index.
 */
public final class LuceneCodeIndex implements CodeIndex {

  static final long CLOSE_WAIT_MILLIS = 30_000;

  private static final Logger LOG = Logger.getLogger(LuceneCodeIndex.class.getName());

  private final IndexCore core;
  private final Indexer indexer;
  private final HybridSearch search;
  private final GrepSearch grep;
  private final Optional<EmbeddingWorker> worker;
  private final Committer committer;
  private final Thread resume;
  private volatile boolean closed;

  /** The budgets of the searches and greps running now: cancelled when the index closes. */
  private final java.util.Set<Budget> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LuceneCodeIndex(IndexCore core) {
    this.core = core;
    this.indexer = new Indexer(core);
    this.search = new HybridSearch(core);
    this.grep = new GrepSearch(core);
    this.worker = core.embedder().map(e -> new EmbeddingWorker(core, e));
    this.committer = new Committer(core);
    List<PendingMarker.Run> interrupted = core.marker.runs();
    if (interrupted.isEmpty()) {
      resume = null;
    } else {
      core.runStarted();
      resume =
          IndexCore.named("oncell-index-resume-" + core.indexDir.getFileName())
              .newThread(() -> resume(interrupted));
    }
  }

  /** Opens (or creates) the index of {@code root} in {@code indexDir}. */
  public static CodeIndex open(Path indexDir, Path root, IndexOptions options) {
    Objects.requireNonNull(indexDir, "indexDir");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    Path absRoot = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absRoot)) {
      throw SearchException.invalid(
          "invalid_path", "the folder to index does not exist or is not a directory: " + root);
    }
    Directory dir = null;
    IndexWriter writer = null;
    try {
      Path realRoot = absRoot.toRealPath();
      Files.createDirectories(indexDir);
      dir = FSDirectory.open(indexDir);
      IndexWriterConfig config = new IndexWriterConfig(CodeAnalyzer.forIndex());
      config.setOpenMode(openMode(dir));
      config.setRAMBufferSizeMB(64);
      config.setCommitOnClose(false);
      ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
      merges.setMaxMergesAndThreads(2, 1);
      config.setMergeScheduler(merges);
      writer = new IndexWriter(dir, config);
      SearcherManager searchers = new SearcherManager(writer, new SearcherFactory());
      PendingMarker marker = PendingMarker.read(indexDir);
      IndexCore core =
          new IndexCore(indexDir, absRoot, realRoot, options, dir, writer, searchers, marker);
      LuceneCodeIndex index = new LuceneCodeIndex(core);
      index.start();
      return index;
    } catch (IOException e) {
      closeQuietly(writer, dir);
      throw new SearchException("cannot open the index in " + indexDir + ": " + e, false, e);
    }
  }

  private static OpenMode openMode(Directory dir) throws IOException {
    if (!DirectoryReader.indexExists(dir)) {
      return OpenMode.CREATE;
    }
    String schema = SegmentInfos.readLatestCommit(dir).getUserData().get(IndexCore.KEY_SCHEMA);
    return IndexCore.SCHEMA.equals(schema) ? OpenMode.APPEND : OpenMode.CREATE;
  }

  /** Whether an index run or the embeddings of {@code indexDir} were cut short. */
  public static boolean hasPendingWork(Path indexDir) {
    return PendingMarker.exists(indexDir);
  }

  private void start() {
    worker.ifPresent(EmbeddingWorker::start);
    if (resume != null) {
      resume.start();
    }
  }

  private void resume(List<PendingMarker.Run> runs) {
    try {
      for (PendingMarker.Run run : runs) {
        if (core.closing()) {
          return;
        }
        try {
          Scope scope = Scope.resolve(core.realRoot, core.root, run.path());
          run(scope, Glob.compile(run.glob()), run, true);
        } catch (SearchException e) {
          if (e.invalid()) {
            core.marker.removeRun(run); // the path is gone: nothing left to resume
          } else if (!core.closing()) {
            LOG.log(Level.WARNING, "resuming the index run of " + run + " failed", e);
          }
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot update the pending marker in " + core.indexDir, e);
    } finally {
      core.runEnded();
    }
  }

  @Override
  public IndexReport index(String path, Optional<String> glob) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(glob, "glob");
    Requests.glob(glob);
    Optional<Glob> g = Glob.compile(glob);
    Scope scope = Scope.resolve(core.realRoot, core.root, path);
    checkNotClosed();
    return run(scope, g, new PendingMarker.Run(path, glob), false);
  }

  /**
   * Runs one index run under the run lock.
   *
   * @param listed whether the marker already lists it (a resumed run)
   */
  private IndexReport run(Scope scope, Optional<Glob> glob, PendingMarker.Run run, boolean listed) {
    core.runStarted();
    core.runs.lock();
    try {
      core.checkOpen();
      if (!listed) {
        core.marker.addRun(run);
      }
      if (worker.isPresent()) {
        core.marker.setEmbed(true);
      }
      IndexReport report = indexer.run(scope, glob);
      committer.finished(run);
      return report;
    } catch (IOException e) {
      throw new SearchException("indexing failed: " + e.getMessage(), false, e);
    } finally {
      core.runs.unlock();
      core.runEnded();
      worker.ifPresent(EmbeddingWorker::kick);
    }
  }

  @Override
  public List<SearchHit> search(String query, int topK, Optional<String> glob, SearchMode mode) {
    return search(query, topK, glob, mode, Budget.unlimited());
  }

  @Override
  public List<SearchHit> search(
      String query, int topK, Optional<String> glob, SearchMode mode, Budget budget) {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(glob, "glob");
    Objects.requireNonNull(mode, "mode");
    Requests.query(query);
    Requests.topK(topK);
    Requests.glob(glob);
    Optional<Glob> g = Glob.compile(glob);
    Requests.mode(mode, core.embedder().isPresent());
    Budget b = budget == Budget.unlimited() ? Budget.cancellable() : budget;
    running.add(b);
    try {
      checkNotClosed();
      return search.search(query, topK, g, mode, b);
    } finally {
      running.remove(b);
    }
  }

  @Override
  public List<GrepMatch> grep(String regex, Optional<String> glob, int limit) {
    return grep(regex, glob, limit, Budget.unlimited());
  }

  @Override
  public List<GrepMatch> grep(String regex, Optional<String> glob, int limit, Budget budget) {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(glob, "glob");
    Requests.limit(limit);
    GrepPattern pattern = GrepPattern.compile(regex);
    Requests.glob(glob);
    Optional<Glob> g = Glob.compile(glob);
    Budget b = budget == Budget.unlimited() ? Budget.cancellable() : budget;
    running.add(b);
    try {
      checkNotClosed();
      return grep.grep(pattern, g, limit, b);
    } finally {
      running.remove(b);
    }
  }

  @Override
  public List<FileSymbol> symbols(String path) {
    Objects.requireNonNull(path, "path");
    Requests.path(path);
    checkNotClosed();
    return core.withSearcher(searcher -> FileSymbols.read(searcher, path));
  }

  @Override
  public IndexStatus status() {
    checkNotClosed();
    return core.status();
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (core.idle) {
      while (!idle()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          return idle();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(core.idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private boolean idle() {
    return !core.runActive() && committer.idle() && worker.map(EmbeddingWorker::idle).orElse(true);
  }

  private void checkNotClosed() {
    if (closed) {
      throw new SearchException("the index is closed", false);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    core.startClosing();
    running.forEach(Budget::cancel); // greps and searches stop at their next check
    worker.ifPresent(w -> w.stop(CLOSE_WAIT_MILLIS));
    if (resume != null) {
      try {
        resume.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    committer.shutdown();
    core.runs.lock();
    try {
      if (core.writer.isOpen()) {
        core.commit();
        committer.commit();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "the last commit of " + core.indexDir + " failed", e);
    } finally {
      core.runs.unlock();
      core.pool.shutdownNow();
      try {
        core.searchers.close();
      } catch (IOException e) {
        // nothing more to release
      }
      closeQuietly(core.writer, core.directory);
      synchronized (core.idle) {
        core.idle.notifyAll();
      }
    }
  }

  private static void closeQuietly(IndexWriter writer, Directory dir) {
    try {
      if (writer != null) {
        writer.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "closing the index writer failed", e);
    }
    try {
      if (dir != null) {
        dir.close();
      }
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
