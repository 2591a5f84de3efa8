package dev.oncell.search.internal.index;

import dev.oncell.search.Embedder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The one background thread of an index that gives chunks their vectors: it takes chunks without a
 * vector of the current model in batches, embeds them, and rewrites their documents with the
 * vector, checking under the exclusive write lock that each chunk still exists. Commits every few
 * seconds and when it runs out of work; then it clears the marker's {@code embed} line and sleeps
 * until a run wakes it. Vectors of another model are never searched (the KNN filter names the
 * model) and are replaced as their chunks come up.
 */
final class EmbeddingWorker implements Runnable {

  static final int BATCH = 32;
  static final int MAX_CHARS = 2000;
  static final long COMMIT_NANOS = 5_000_000_000L;

  private static final Logger LOG = Logger.getLogger(EmbeddingWorker.class.getName());

  private final IndexCore core;
  private final Embedder embedder;
  private final Thread thread;
  private final Query pending;
  private volatile boolean stop;
  private volatile boolean idle;
  private boolean kicked = true;

  EmbeddingWorker(IndexCore core, Embedder embedder) {
    this.core = core;
    this.embedder = embedder;
    this.pending =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Docs.TYPE, Docs.CHUNK)), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(Docs.MODEL, embedder.name())), BooleanClause.Occur.MUST_NOT)
            .build();
    this.thread = IndexCore.named("oncell-embed-" + core.indexDir.getFileName()).newThread(this);
  }

  void start() {
    thread.start();
  }

  /** There may be new chunks to embed. */
  void kick() {
    synchronized (this) {
      kicked = true;
      idle = false;
      notifyAll();
    }
  }

  /** True when the worker has found nothing to embed and nothing woke it since. */
  boolean idle() {
    return idle;
  }

  /** Stops after the batch in hand is written; waits at most {@code millis}. */
  void stop(long millis) {
    stop = true;
    synchronized (this) {
      notifyAll();
    }
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    long lastCommit = System.nanoTime();
    boolean dirty = false;
    long backoff = 500;
    while (!stop) {
      try {
        List<Docs.StoredChunk> batch = fetch();
        if (batch.isEmpty()) {
          if (dirty) {
            core.commit();
            dirty = false;
            lastCommit = System.nanoTime();
          }
          if (!core.runActive()) {
            core.marker.setEmbed(false);
          }
          waitForWork();
          continue;
        }
        core.marker.setEmbed(true);
        List<String> texts = new ArrayList<>(batch.size());
        for (Docs.StoredChunk c : batch) {
          texts.add(c.embeddingText(MAX_CHARS));
        }
        List<float[]> vectors = embedder.embed(texts);
        if (vectors.size() != batch.size()) {
          throw new IllegalStateException(
              "the embedder returned "
                  + vectors.size()
                  + " vectors for "
                  + batch.size()
                  + " texts");
        }
        apply(batch, vectors);
        dirty = true;
        backoff = 500;
        core.progress();
        if (System.nanoTime() - lastCommit > COMMIT_NANOS) {
          core.commit();
          dirty = false;
          lastCommit = System.nanoTime();
        }
      } catch (IOException | RuntimeException e) {
        if (stop || core.closing()) {
          break;
        }
        LOG.log(Level.WARNING, "embedding failed, retrying in " + backoff + " ms", e);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private void waitForWork() {
    synchronized (this) {
      while (!kicked && !stop) {
        idle = true;
        synchronized (core.idle) {
          core.idle.notifyAll();
        }
        try {
          wait();
        } catch (InterruptedException e) {
          stop = true;
        }
      }
      kicked = false;
    }
  }

  private List<Docs.StoredChunk> fetch() {
    return core.withSearcher(
        searcher -> {
          TopDocs top = searcher.search(pending, BATCH, Sort.INDEXORDER);
          StoredFields fields = searcher.storedFields();
          List<Docs.StoredChunk> out = new ArrayList<>(top.scoreDocs.length);
          for (ScoreDoc sd : top.scoreDocs) {
            out.add(Docs.StoredChunk.read(fields, sd.doc));
          }
          return out;
        });
  }

  private void apply(List<Docs.StoredChunk> batch, List<float[]> vectors) throws IOException {
    Lock lock = core.writes.writeLock();
    lock.lock();
    try {
      core.refresh();
      List<Boolean> alive =
          core.withSearcher(
              searcher -> {
                List<Boolean> out = new ArrayList<>(batch.size());
                for (Docs.StoredChunk c : batch) {
                  out.add(searcher.count(new TermQuery(new Term(Docs.ID, c.id()))) > 0);
                }
                return out;
              });
      for (int i = 0; i < batch.size(); i++) {
        if (alive.get(i)) {
          Docs.StoredChunk c = batch.get(i);
          core.writer.updateDocument(
              new Term(Docs.ID, c.id()),
              Docs.chunk(c, Optional.of(new Docs.Embedded(embedder.name(), unit(vectors.get(i))))));
        }
      }
      core.refresh();
    } finally {
      lock.unlock();
    }
  }

  private float[] unit(float[] v) {
    if (v.length != embedder.dimension()) {
      throw new IllegalStateException(
          "the embedder returned a vector of "
              + v.length
              + " for dimension "
              + embedder.dimension());
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0 || !Double.isFinite(norm)) {
      float[] any = new float[v.length];
      any[0] = 1; // an empty text's vector: unit length, so the field accepts it
      return any;
    }
    if (Math.abs(norm - 1) < 1e-4) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
