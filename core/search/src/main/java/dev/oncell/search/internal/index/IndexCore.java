package dev.oncell.search.internal.index;

import dev.oncell.search.Embedder;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexStatus;
import dev.oncell.search.SearchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;

/**
 * What the parts of one open index share: the writer, the near-real-time searchers, the locks, the
 * pending marker, the file states, the thread pool.
 *
 * <p>Locks: {@link #runs} serializes index runs. {@link #writes} is taken shared by whatever
 * replaces or deletes a file's documents and exclusively by the embedding worker while it checks
 * that the chunks it embedded still exist and puts their vectors in, so that a vector never brings
 * back a chunk a run has just replaced.
 */
final class IndexCore {

  static final String SCHEMA = "2";
  static final String KEY_SCHEMA = "schema";
  static final String KEY_MODEL = "model";
  static final String KEY_DIMENSION = "dimension";

  final Path indexDir;
  final Path root;
  final Path realRoot;
  final IndexOptions options;
  final Directory directory;
  final IndexWriter writer;
  final SearcherManager searchers;
  final PendingMarker marker;
  final ExecutorService pool;
  final ReentrantLock runs = new ReentrantLock();
  final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();
  final Object idle = new Object();

  private volatile boolean closing;
  private volatile FileStates states;
  private volatile Counts counts;
  private int activeRuns;

  private record Counts(Object reader, IndexStatus status) {}

  IndexCore(
      Path indexDir,
      Path root,
      Path realRoot,
      IndexOptions options,
      Directory directory,
      IndexWriter writer,
      SearcherManager searchers,
      PendingMarker marker) {
    this.indexDir = indexDir;
    this.root = root;
    this.realRoot = realRoot;
    this.options = options;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.marker = marker;
    this.pool = Executors.newFixedThreadPool(2, named("oncell-index-" + indexDir.getFileName()));
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The index directory as the walker meets it, when it lies under the root. */
  Optional<Path> ownDirectory() {
    try {
      Path real = indexDir.toRealPath();
      return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  Optional<Embedder> embedder() {
    return options.embedder();
  }

  Optional<String> model() {
    return options.embedder().map(Embedder::name);
  }

  boolean closing() {
    return closing;
  }

  void startClosing() {
    closing = true;
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  /** Throws when the index is closing, so that a run stops between batches. */
  void checkOpen() {
    if (closing) {
      throw new SearchException(
          "the index is closing; the unfinished run resumes when it is opened again", false);
    }
  }

  interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  <T> T withSearcher(SearcherWork<T> work) {
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException | AlreadyClosedException e) {
      throw new SearchException("the index is closed", false, e);
    }
    try {
      return work.apply(searcher);
    } catch (IOException e) {
      throw new SearchException("reading the index failed: " + e.getMessage(), false, e);
    } finally {
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        // releasing a reader only fails if it was already closed
      }
    }
  }

  /** Makes everything written so far searchable. */
  void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Makes everything written so far durable, with the schema and model in the commit data. */
  void commit() throws IOException {
    Map<String, String> data =
        model()
            .map(
                m ->
                    Map.of(
                        KEY_SCHEMA,
                        SCHEMA,
                        KEY_MODEL,
                        m,
                        KEY_DIMENSION,
                        String.valueOf(options.embedder().orElseThrow().dimension())))
            .orElse(Map.of(KEY_SCHEMA, SCHEMA));
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /** The in-memory file states, loaded on first use. */
  FileStates states() {
    FileStates s = states;
    if (s == null) {
      synchronized (this) {
        s = states;
        if (s == null) {
          s = withSearcher(FileStates::load);
          states = s;
        }
      }
    }
    return s;
  }

  IndexStatus status() {
    boolean indexing;
    synchronized (idle) {
      indexing = activeRuns > 0;
    }
    IndexStatus counted =
        withSearcher(
            searcher -> {
              Counts c = counts;
              Object version = searcher.getIndexReader();
              if (c != null && c.reader() == version) {
                return c.status();
              }
              int files = searcher.count(new TermQuery(new Term(Docs.TYPE, Docs.FILE)));
              int chunks = searcher.count(new TermQuery(new Term(Docs.TYPE, Docs.CHUNK)));
              int embedded =
                  model().isEmpty()
                      ? 0
                      : searcher.count(new TermQuery(new Term(Docs.MODEL, model().get())));
              IndexStatus s = new IndexStatus(files, chunks, embedded, false, model());
              counts = new Counts(version, s);
              return s;
            });
    return new IndexStatus(
        counted.files(), counted.chunks(), counted.embedded(), indexing, counted.model());
  }

  void progress() {
    try {
      options.listener().progress(status());
    } catch (RuntimeException e) {
      // a listener must not throw; if it does, indexing goes on
    }
  }

  void runStarted() {
    synchronized (idle) {
      activeRuns++;
    }
  }

  void runEnded() {
    synchronized (idle) {
      activeRuns--;
      idle.notifyAll();
    }
  }

  boolean runActive() {
    synchronized (idle) {
      return activeRuns > 0;
    }
  }
}
