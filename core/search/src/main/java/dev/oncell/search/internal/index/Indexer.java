package dev.oncell.search.internal.index;

import dev.oncell.search.Chunk;
import dev.oncell.search.IndexReport;
import dev.oncell.search.SearchException;
import dev.oncell.search.internal.files.FileWalker;
import dev.oncell.search.internal.files.Glob;
import dev.oncell.search.internal.files.Scope;
import dev.oncell.search.internal.files.TextFiles;
import dev.oncell.search.internal.grep.LineBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;

/**
 * One index run: walks the scope, compares each file's modification time and size with what the
 * index holds (hashing only files whose stat changed), chunks and writes new and changed files in
 * parallel (a window of files in flight on the pool) and deletes files that are gone. What is
 * written becomes searchable every second (a near-real-time refresh, while the pool goes on
 * writing) and at the end; the {@link Committer} makes it durable right after.
 */
final class Indexer {

  /** Files read, chunked and written in the pool ahead of the one whose outcome is awaited. */
  static final int IN_FLIGHT = 64;

  static final long REFRESH_NANOS = 1_000_000_000L;

  /** A file modified this recently may be written again with the same time and size. */
  static final long RACY_NANOS = 3_000_000_000L;

  private final IndexCore core;

  Indexer(IndexCore core) {
    this.core = core;
  }

  private enum Kind {
    INDEXED,
    SAME,
    SKIPPED,
    GONE
  }

  private record Outcome(Kind kind, int chunks, boolean existed) {}

  IndexReport run(Scope scope, Optional<Glob> glob) throws IOException {
    core.checkOpen();
    FileStates states = core.states();
    long now = epochNanos();
    FileWalker.Result walked =
        new FileWalker(core.realRoot, core.options.maxFileBytes(), core.ownDirectory())
            .walk(scope, glob);
    Set<String> seen = new HashSet<>();
    List<FileWalker.Entry> changed = new ArrayList<>();
    int unchanged = 0;
    for (FileWalker.Entry e : walked.files()) {
      seen.add(e.path());
      FileStates.State s = states.get(e.path());
      if (s != null
          && s.modified() != FileStates.UNTRUSTED
          && s.modified() == e.modified()
          && s.size() == e.size()) {
        unchanged++;
      } else {
        changed.add(e);
      }
    }
    int files = 0;
    int skipped = walked.skipped();
    int removed = 0;
    int chunks = 0;
    boolean wrote = false;
    long lastRefresh = System.nanoTime();
    Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
    int next = 0;
    try {
      while (next < changed.size() || !inFlight.isEmpty()) {
        while (inFlight.size() < IN_FLIGHT && next < changed.size() && !core.closing()) {
          FileWalker.Entry e = changed.get(next++);
          inFlight.add(core.pool.submit(() -> index(e, now)));
        }
        if (inFlight.isEmpty()) {
          break; // closing: nothing more is submitted
        }
        Outcome o = get(inFlight.removeFirst());
        switch (o.kind()) {
          case INDEXED -> {
            files++;
            chunks += o.chunks();
          }
          case SAME -> unchanged++;
          case SKIPPED -> skipped++;
          case GONE -> {}
        }
        if (o.kind() != Kind.INDEXED && o.kind() != Kind.SAME && o.existed()) {
          removed++;
        }
        wrote = true;
        if (System.nanoTime() - lastRefresh > REFRESH_NANOS) {
          core.refresh(); // indexing goes on in the pool meanwhile
          lastRefresh = System.nanoTime();
          core.progress();
        }
      }
    } finally {
      for (Future<Outcome> f : inFlight) {
        try {
          f.get();
        } catch (ExecutionException | InterruptedException ignored) {
          // the first failure is already on its way up
        }
      }
    }
    core.checkOpen();
    for (String path : states.paths()) {
      if (!seen.contains(path)
          && scope.contains(path)
          && (glob.isEmpty() || glob.get().matches(path))) {
        delete(path);
        removed++;
        wrote = true;
      }
    }
    if (wrote) {
      core.refresh();
    }
    core.progress();
    return new IndexReport(files, unchanged, removed, skipped, chunks);
  }

  private static Outcome get(Future<Outcome> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchException("interrupted while indexing", false, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new SearchException("indexing failed: " + cause, false, cause);
    }
  }

  private byte[] read(FileWalker.Entry e) throws IOException {
    try (var channel = FileWalker.open(core.realRoot, e.source());
        var in = java.nio.channels.Channels.newInputStream(channel)) {
      return in.readAllBytes();
    }
  }

  private Outcome index(FileWalker.Entry e, long now) throws IOException {
    FileStates states = core.states();
    FileStates.State old = states.get(e.path());
    boolean existed = old != null;
    byte[] bytes;
    try {
      bytes = read(e);
    } catch (java.nio.file.FileSystemException gone) {
      // gone, no longer a regular file, or a link swapped in on the way: not indexed
      if (existed) {
        delete(e.path());
      }
      return new Outcome(Kind.GONE, 0, existed);
    }
    Optional<String> text =
        bytes.length > core.options.maxFileBytes() ? Optional.empty() : TextFiles.decode(bytes);
    if (text.isEmpty()) {
      if (existed) {
        delete(e.path());
      }
      return new Outcome(Kind.SKIPPED, 0, existed);
    }
    String hash = TextFiles.hash(bytes);
    long recorded = now - e.modified() < RACY_NANOS ? FileStates.UNTRUSTED : e.modified();
    Lock lock = core.writes.readLock();
    if (existed && old.hash().equals(hash)) {
      lock.lock();
      try {
        Term id = new Term(Docs.FILE_ID, e.path());
        core.writer.updateNumericDocValue(id, Docs.MTIME, recorded);
        core.writer.updateNumericDocValue(id, Docs.SIZE, e.size());
      } finally {
        lock.unlock();
      }
      states.put(e.path(), new FileStates.State(recorded, e.size(), hash));
      return new Outcome(Kind.SAME, 0, true);
    }
    List<Chunk> chunks;
    try {
      chunks = core.options.chunker().chunk(e.path(), text.get());
    } catch (RuntimeException chunkerBug) {
      chunks = List.of(); // still greppable; the chunker contract says this does not happen
    }
    List<LineBlocks.Block> blocks = LineBlocks.of(text.get());
    List<Document> docs = new ArrayList<>(chunks.size() + blocks.size() + 1);
    int crc = GrepSearch.crc32c(bytes);
    docs.add(Docs.file(e.path(), recorded, e.size(), hash, bytes.length, crc));
    Docs.blocks(e.path(), blocks, bytes.length, crc, docs);
    for (int i = 0; i < chunks.size(); i++) {
      docs.add(Docs.chunk(Docs.StoredChunk.of(chunks.get(i), e.path(), hash, i), Optional.empty()));
    }
    lock.lock();
    try {
      core.writer.updateDocuments(new Term(Docs.PATH, e.path()), docs);
    } finally {
      lock.unlock();
    }
    states.put(e.path(), new FileStates.State(recorded, e.size(), hash));
    return new Outcome(Kind.INDEXED, chunks.size(), existed);
  }

  private void delete(String path) throws IOException {
    Lock lock = core.writes.readLock();
    lock.lock();
    try {
      core.writer.deleteDocuments(new Term(Docs.PATH, path));
    } finally {
      lock.unlock();
    }
    core.states().remove(path);
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
