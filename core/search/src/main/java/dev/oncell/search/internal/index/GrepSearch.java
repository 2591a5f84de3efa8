package dev.oncell.search.internal.index;

import dev.oncell.search.Budget;
import dev.oncell.search.GrepMatch;
import dev.oncell.search.SearchException;
import dev.oncell.search.internal.files.Glob;
import dev.oncell.search.internal.files.TextFiles;
import dev.oncell.search.internal.grep.GrepPattern;
import dev.oncell.search.internal.grep.LineMatcher;
import dev.oncell.search.internal.grep.TrigramQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;

/**
 * Grep over the indexed files. The regex's trigram query picks candidate blocks of lines; their
 * files are read from disk and, when a file still has the size and CRC-32C it was indexed with,
 * only its candidate blocks are decoded and matched (else the whole file is). A regex without a
 * trigram reads every file whole. Files are verified in parallel, in groups, and consumed in path
 * order until the limit is reached. The request's {@link Budget} is checked while collecting
 * candidates, before each file and inside every match; when it runs out (or the index closes) the
 * grep stops with {@code search_timeout} or {@code cancelled} and its queued tasks are dropped.
 */
final class GrepSearch {

  /** Most files in one verification task. */
  static final int GROUP = 16;

  /** Tasks in flight on the pool. */
  static final int IN_FLIGHT = 8;

  private final IndexCore core;

  GrepSearch(IndexCore core) {
    this.core = core;
  }

  /**
   * A file to verify: the length and CRC-32C of the bytes indexed, and its candidate blocks (as
   * {@code line}, {@code offset}, {@code length} triples) or, when {@code whole}, all of it.
   */
  private static final class FileWork {
    final String path;
    final boolean whole;
    long size = -1;
    int crc;
    int[] blocks = new int[0];
    int count;

    FileWork(String path, boolean whole) {
      this.path = path;
      this.whole = whole;
    }

    void add(int line, int offset, int length) {
      if (count * 3 == blocks.length) {
        blocks = Arrays.copyOf(blocks, Math.max(6, blocks.length * 2));
      }
      blocks[count * 3] = line;
      blocks[count * 3 + 1] = offset;
      blocks[count * 3 + 2] = length;
      count++;
    }
  }

  List<GrepMatch> grep(GrepPattern pattern, Optional<Glob> glob, int limit, Budget budget) {
    Plan plan = core.withSearcher(searcher -> plan(searcher, pattern, budget));
    List<FileWork> files = plan.files();
    if (glob.isPresent()) {
      files.removeIf(
          f -> {
            budget.check(); // a glob may backtrack on a long path
            return !glob.get().matches(f.path);
          });
    }
    files.sort((a, b) -> a.path.compareTo(b.path));
    budget.check();
    LineMatcher matcher = new LineMatcher(pattern, plan.anchors(), budget);
    List<GrepMatch> out = new ArrayList<>();
    Deque<Future<List<GrepMatch>>> inFlight = new ArrayDeque<>();
    int next = 0;
    try {
      while (out.size() < limit && (next < files.size() || !inFlight.isEmpty())) {
        while (inFlight.size() < IN_FLIGHT && next < files.size()) {
          List<FileWork> group = files.subList(next, Math.min(files.size(), next + GROUP));
          next += group.size();
          inFlight.add(core.pool.submit(() -> verify(matcher, group, limit, budget)));
        }
        for (GrepMatch m : await(inFlight.removeFirst(), budget)) {
          if (out.size() == limit) {
            break;
          }
          out.add(m);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchException("interrupted while grepping", false, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SearchException s) {
        throw s; // the budget ran out, or the regex recursed too deep
      }
      throw new SearchException("grep failed: " + e.getCause().getMessage(), false, e.getCause());
    } finally {
      inFlight.forEach(f -> f.cancel(true));
    }
    return out;
  }

  /** The matches of one task, waiting no longer than the budget (its task checks it too). */
  private List<GrepMatch> await(Future<List<GrepMatch>> task, Budget budget)
      throws InterruptedException, ExecutionException {
    while (true) {
      budget.check();
      core.checkOpen();
      try {
        return task.get(
            Math.max(1, Math.min(250, budget.remaining().toMillis())), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // look at the budget and at the index again
      }
    }
  }

  /** The files to read and the anchors of the matcher. */
  private record Plan(List<FileWork> files, Optional<Set<String>> anchors) {}

  private static Plan plan(IndexSearcher searcher, GrepPattern pattern, Budget budget)
      throws IOException {
    TrigramQuery trigrams = pattern.trigrams();
    List<FileWork> files = new ArrayList<>();
    if (trigrams instanceof TrigramQuery.All) {
      searcher.search(
          new TermQuery(new Term(Docs.TYPE, Docs.FILE)), new FileCollector(files, budget));
      return new Plan(files, Optional.empty());
    }
    searcher.search(trigrams.toLucene(Docs.TRIGRAMS), new BlockCollector(files, budget));
    budget.check();
    IndexReader reader = searcher.getIndexReader();
    Optional<Set<String>> anchors =
        trigrams.anchors(
            t -> {
              try {
                return reader.docFreq(new Term(Docs.TRIGRAMS, t));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return new Plan(files, anchors);
  }

  /** Collects each file document, to be read whole. */
  private static final class FileCollector extends SimpleCollector {
    private final List<FileWork> files;
    private final Budget budget;
    private SortedDocValues paths;
    private NumericDocValues size;
    private NumericDocValues crc;

    FileCollector(List<FileWork> files, Budget budget) {
      this.files = files;
      this.budget = budget;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      paths = DocValues.getSorted(context.reader(), Docs.PATH);
      size = DocValues.getNumeric(context.reader(), Docs.FILE_SIZE);
      crc = DocValues.getNumeric(context.reader(), Docs.FILE_CRC);
    }

    @Override
    public void collect(int doc) throws IOException {
      if ((files.size() & 1023) == 0) {
        budget.check();
      }
      if (paths.advanceExact(doc)) {
        FileWork f = new FileWork(paths.lookupOrd(paths.ordValue()).utf8ToString(), true);
        if (size.advanceExact(doc) && crc.advanceExact(doc)) {
          f.size = size.longValue();
          f.crc = (int) crc.longValue();
        }
        files.add(f);
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** Groups the candidate blocks by file. */
  private static final class BlockCollector extends SimpleCollector {
    private final List<FileWork> files;
    private final Budget budget;
    private final Map<String, FileWork> byPath = new HashMap<>();
    private int collected;
    private SortedDocValues paths;
    private NumericDocValues line;
    private NumericDocValues offset;
    private NumericDocValues length;
    private NumericDocValues size;
    private NumericDocValues crc;
    private int lastOrd = -1;
    private FileWork last;

    BlockCollector(List<FileWork> files, Budget budget) {
      this.files = files;
      this.budget = budget;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      paths = DocValues.getSorted(context.reader(), Docs.PATH);
      line = DocValues.getNumeric(context.reader(), Docs.BLOCK_LINE);
      offset = DocValues.getNumeric(context.reader(), Docs.BLOCK_OFFSET);
      length = DocValues.getNumeric(context.reader(), Docs.BLOCK_LENGTH);
      size = DocValues.getNumeric(context.reader(), Docs.FILE_SIZE);
      crc = DocValues.getNumeric(context.reader(), Docs.FILE_CRC);
      lastOrd = -1;
    }

    @Override
    public void collect(int doc) throws IOException {
      if ((++collected & 1023) == 0) {
        budget.check();
      }
      if (!paths.advanceExact(doc)
          || !line.advanceExact(doc)
          || !offset.advanceExact(doc)
          || !length.advanceExact(doc)) {
        return;
      }
      int ord = paths.ordValue();
      if (ord != lastOrd) {
        // A file's blocks are written together, so they come one after another
        String path = paths.lookupOrd(ord).utf8ToString();
        last = byPath.get(path);
        if (last == null) {
          if (!size.advanceExact(doc) || !crc.advanceExact(doc)) {
            return;
          }
          last = new FileWork(path, false);
          last.size = size.longValue();
          last.crc = (int) crc.longValue();
          byPath.put(path, last);
          files.add(last);
        }
        lastOrd = ord;
      }
      last.add((int) line.longValue(), (int) offset.longValue(), (int) length.longValue());
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  private List<GrepMatch> verify(
      LineMatcher matcher, List<FileWork> files, int limit, Budget budget) throws IOException {
    try {
      return verifyFiles(matcher, files, limit, budget);
    } catch (StackOverflowError e) {
      // java.util.regex recurses per repetition of a group: a long line can exhaust the stack
      throw SearchException.tooComplex(
          "the regex is too costly to run: it recursed too deep on a long line (limit: stack);"
              + " use fewer nested groups or a more specific regex");
    }
  }

  private List<GrepMatch> verifyFiles(
      LineMatcher matcher, List<FileWork> files, int limit, Budget budget) throws IOException {
    List<GrepMatch> out = new ArrayList<>();
    Buffer buffer = BUFFERS.get();
    for (FileWork f : files) {
      budget.check();
      core.checkOpen();
      int n = read(core.realRoot, f.path, f.size, buffer);
      if (n < 0) {
        continue;
      }
      byte[] bytes = buffer.bytes;
      boolean asIndexed = n == f.size && crc32c(bytes, n) == f.crc;
      if (!asIndexed && TextFiles.decode(Arrays.copyOf(bytes, n)).isEmpty()) {
        continue; // changed since it was indexed, and no longer text
      }
      if (asIndexed && !f.whole) {
        sortBlocks(f);
        for (int i = 0; i < f.count && out.size() < limit; i++) {
          int offset = f.blocks[i * 3 + 1];
          matcher.match(
              f.path, bytes, offset, offset + f.blocks[i * 3 + 2], f.blocks[i * 3], out, limit);
        }
      } else {
        matcher.match(f.path, bytes, 0, n, 1, out, limit);
      }
      buffer.trim();
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  /** Puts the blocks of {@code f} in line order (the index returns them in document order). */
  private static void sortBlocks(FileWork f) {
    for (int i = 1; i < f.count; i++) {
      if (f.blocks[i * 3] < f.blocks[(i - 1) * 3]) {
        long[] keyed = new long[f.count];
        for (int k = 0; k < f.count; k++) {
          keyed[k] = ((long) f.blocks[k * 3] << 32) | k;
        }
        Arrays.sort(keyed);
        int[] sorted = new int[f.count * 3];
        for (int k = 0; k < f.count; k++) {
          System.arraycopy(f.blocks, (int) keyed[k] * 3, sorted, k * 3, 3);
        }
        f.blocks = sorted;
        return;
      }
    }
  }

  static int crc32c(byte[] bytes) {
    return crc32c(bytes, bytes.length);
  }

  static int crc32c(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /** A read buffer per pool thread; one grown past {@link #KEPT} for a large file is dropped. */
  static final class Buffer {
    static final int KEPT = 1 << 21;
    byte[] bytes = new byte[1 << 16];

    void ensure(int length) {
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, Math.min(bytes.length * 2, Integer.MAX_VALUE - 16))];
      }
    }

    void trim() {
      if (bytes.length > KEPT) {
        bytes = new byte[1 << 16];
      }
    }
  }

  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  /**
   * Reads {@code file} into {@code buffer}, expecting {@code expected} bytes (negative: unknown):
   * one positional read of a byte more than expected, which also shows whether the file still has
   * that length; again if it grew.
   *
   * @return its length, or -1 when it is gone, unreadable or too large for an array
   */
  static int read(Path root, String file, long expected, Buffer buffer) throws IOException {
    FileChannel opened;
    try {
      opened = dev.oncell.search.internal.files.FileWalker.open(root, file);
    } catch (java.nio.file.FileSystemException e) {
      return -1; // gone, not a regular file, or a link swapped in on the way
    }
    try (FileChannel channel = opened) {
      long want = (expected >= 0 ? expected : channel.size()) + 1;
      for (int attempt = 0; ; attempt++) {
        if (want > Integer.MAX_VALUE - 16) {
          return -1;
        }
        buffer.ensure((int) want);
        ByteBuffer into = ByteBuffer.wrap(buffer.bytes, 0, (int) want);
        while (into.hasRemaining() && channel.read(into, into.position()) > 0) {
          // a short read only at the end of the file
        }
        if (into.position() < want || attempt == 2) {
          return into.position();
        }
        want = Math.max(channel.size(), want) + 1; // it grew
      }
    } catch (NoSuchFileException | AccessDeniedException e) {
      return -1;
    }
  }
}
