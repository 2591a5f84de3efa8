package dev.oncell.search.internal.index;

import dev.oncell.search.GrepMatch;
import dev.oncell.search.SearchException;
import dev.oncell.search.internal.files.Glob;
import dev.oncell.search.internal.files.TextFiles;
import dev.oncell.search.internal.grep.GrepPattern;
import dev.oncell.search.internal.grep.Trigrams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;

/**
 * Grep over the indexed files: the regex's trigram query picks candidate files (their paths read
 * from doc values), which are read from disk and matched line by line, in blocks verified in
 * parallel and consumed in path order until the limit is reached.
 */
final class GrepSearch {

  static final int BLOCK = 16;
  static final int IN_FLIGHT = 8;

  private final IndexCore core;

  GrepSearch(IndexCore core) {
    this.core = core;
  }

  /** The files that may match, and the trigrams of which a matching line has one. */
  private record Candidates(List<String> paths, Optional<Set<String>> anchors) {}

  List<GrepMatch> grep(GrepPattern pattern, Optional<Glob> glob, int limit) {
    Candidates found = candidates(pattern);
    List<String> candidates = found.paths();
    Optional<Set<String>> anchors = found.anchors();
    if (glob.isPresent()) {
      candidates.removeIf(p -> !glob.get().matches(p));
    }
    Collections.sort(candidates);
    List<GrepMatch> out = new ArrayList<>();
    Deque<Future<List<GrepMatch>>> inFlight = new ArrayDeque<>();
    int next = 0;
    try {
      while (out.size() < limit && (next < candidates.size() || !inFlight.isEmpty())) {
        while (inFlight.size() < IN_FLIGHT && next < candidates.size()) {
          List<String> block = candidates.subList(next, Math.min(candidates.size(), next + BLOCK));
          next += block.size();
          int max = limit;
          inFlight.add(core.pool.submit(() -> verify(pattern, anchors, block, max)));
        }
        for (GrepMatch m : inFlight.removeFirst().get()) {
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
      throw new SearchException("grep failed: " + e.getCause().getMessage(), false, e.getCause());
    } finally {
      inFlight.forEach(f -> f.cancel(false));
    }
    return out;
  }

  private Candidates candidates(GrepPattern pattern) {
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Docs.TYPE, Docs.FILE)), BooleanClause.Occur.FILTER)
            .add(pattern.trigrams().toLucene(Docs.TRIGRAMS), BooleanClause.Occur.FILTER)
            .build();
    return core.withSearcher(
        searcher -> {
          List<String> paths = new ArrayList<>();
          searcher.search(q, new PathCollector(paths));
          IndexReader reader = searcher.getIndexReader();
          Optional<Set<String>> anchors =
              pattern
                  .trigrams()
                  .anchors(
                      t -> {
                        try {
                          return reader.docFreq(new Term(Docs.TRIGRAMS, t));
                        } catch (IOException e) {
                          throw new UncheckedIOException(e);
                        }
                      });
          return new Candidates(paths, anchors);
        });
  }

  /** Collects the path doc value of each match. */
  private static final class PathCollector extends SimpleCollector {
    private final List<String> paths;
    private SortedDocValues values;

    PathCollector(List<String> paths) {
      this.paths = paths;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      values = context.reader().getSortedDocValues(Docs.PATH);
    }

    @Override
    public void collect(int doc) throws IOException {
      if (values != null && values.advanceExact(doc)) {
        paths.add(values.lookupOrd(values.ordValue()).utf8ToString());
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  private List<GrepMatch> verify(
      GrepPattern pattern, Optional<Set<String>> anchors, List<String> paths, int limit)
      throws IOException {
    List<GrepMatch> out = new ArrayList<>();
    for (String path : paths) {
      Path file = core.realRoot.resolve(path);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
        continue;
      }
      Optional<String> text = TextFiles.decode(bytes);
      if (text.isEmpty()) {
        continue;
      }
      // Fastest first: Boyer-Moore through the file for a literal start; line by line for ^;
      // else only the lines holding an anchor trigram (folding costs ~1.5 ns a char, far less
      // than a regex without a literal start tried at every position).
      if (pattern.whole().isPresent() && pattern.literalStart()) {
        skipToMatches(pattern, path, text.get(), out, limit);
      } else if (pattern.lineStart()) {
        matchLines(pattern.pattern().matcher(""), path, text.get(), out, limit);
      } else if (anchors.isPresent()) {
        matchAnchoredLines(pattern, anchors.get(), path, text.get(), out, limit);
      } else if (pattern.whole().isPresent()) {
        skipToMatches(pattern, path, text.get(), out, limit);
      } else {
        matchLines(pattern.pattern().matcher(""), path, text.get(), out, limit);
      }
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  /**
   * As {@link #matchLines}, checking only the lines that contain one of {@code anchors} (folded): a
   * line with a match contains one of them, since the match does.
   */
  static void matchAnchoredLines(
      GrepPattern pattern,
      Set<String> anchors,
      String path,
      String text,
      List<GrepMatch> out,
      int limit) {
    String folded = Trigrams.foldAll(text);
    int n = text.length();
    int[] starts = new int[16];
    int count = 0;
    for (String anchor : anchors) {
      int i = folded.indexOf(anchor);
      while (i >= 0) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = text.lastIndexOf('\n', i) + 1;
        int end = text.indexOf('\n', i);
        if (end < 0) {
          break;
        }
        i = folded.indexOf(anchor, end + 1);
      }
    }
    Arrays.sort(starts, 0, count);
    Matcher m = pattern.pattern().matcher(text);
    int pos = 0;
    int lineNo = 1;
    int previous = -1;
    for (int k = 0; k < count && out.size() < limit; k++) {
      int start = starts[k];
      if (start == previous) {
        continue;
      }
      previous = start;
      int nl;
      while ((nl = text.indexOf('\n', pos)) >= 0 && nl < start) {
        pos = nl + 1;
        lineNo++;
      }
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      m.region(start, end);
      if (m.find()) {
        out.add(new GrepMatch(path, lineNo, text.substring(start, end)));
      }
    }
  }

  /**
   * As {@link #matchLines}, jumping from one match of the whole-text pattern to the next and
   * checking only the line where it starts: a line with a match of its own holds the start of a
   * whole-text match no later than its own, so no matching line is skipped.
   */
  static void skipToMatches(
      GrepPattern pattern, String path, String text, List<GrepMatch> out, int limit) {
    Matcher whole = pattern.whole().orElseThrow().matcher(text);
    Matcher line = pattern.pattern().matcher(text);
    int n = text.length();
    int lineStart = 0;
    int lineNo = 1;
    while (lineStart < n && out.size() < limit && whole.find(lineStart)) {
      int s = whole.start();
      int nl;
      while ((nl = text.indexOf('\n', lineStart)) >= 0 && nl < s) {
        lineStart = nl + 1;
        lineNo++;
      }
      if (lineStart >= n) {
        break; // an empty match after the last newline: no line there
      }
      int end = text.indexOf('\n', lineStart);
      if (end < 0) {
        end = n;
      }
      line.region(lineStart, end);
      if (line.find()) {
        out.add(new GrepMatch(path, lineNo, text.substring(lineStart, end)));
      }
      lineStart = end + 1;
      lineNo++;
    }
  }

  /** Adds the lines of {@code text} that {@code m} finds, as grep splits them (on LF only). */
  static void matchLines(Matcher m, String path, String text, List<GrepMatch> out, int limit) {
    m.reset(text);
    int n = text.length();
    int start = 0;
    int line = 1;
    while (start < n && out.size() < limit) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      m.region(start, end);
      if (m.find()) {
        out.add(new GrepMatch(path, line, text.substring(start, end)));
      }
      start = end + 1;
      line++;
    }
  }
}
