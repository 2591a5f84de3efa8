package dev.oncell.search.eval;

import dev.oncell.search.Chunker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files to index and the queries over them. Two corpora: the <em>full</em> one (every source
 * file, up to a cap) for keyword search at scale, and a <em>small</em> one (the bug reports' files
 * and random others up to a chunk budget) that every configuration indexes, embeddings included.
 * Doc queries are sampled from the small corpus; their comments are blanked in both.
 */
final class Corpus {

  static final Set<String> EXTENSIONS = Set.of("java", "js", "mjs", "cjs", "ts", "tsx", "py", "go");
  static final long MAX_FILE_BYTES = 1 << 20;

  /**
   * What one run evaluates.
   *
   * @param full path to indexed content, comments of the doc queries blanked
   * @param small a subset of {@code full}
   * @param smallChunks chunks of {@code small} by the chunker used to pick it
   * @param missing bug reports whose function was not found
   */
  record Selection(
      Map<String, String> full,
      Map<String, String> small,
      int smallChunks,
      List<Query> docQueries,
      List<Query> bugQueries,
      List<String> missing) {}

  /**
   * How to select.
   *
   * @param seed for every random choice
   * @param maxFiles files in the full corpus at most
   * @param smallChunks chunks in the small corpus at most (bug report files always go in)
   * @param docQueries doc queries to sample
   */
  record Limits(long seed, int maxFiles, int smallChunks, int docQueries) {}

  private Corpus() {}

  /**
   * Source files under {@code dir} by relative path, in path order; not UTF-8 or > 1 MB skipped.
   */
  static Map<String, String> load(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String path = dir.relativize(file).toString().replace('\\', '/');
        if (!EXTENSIONS.contains(extension(path))
            || path.endsWith(".min.js")
            || path.endsWith(".d.ts")
            || Files.size(file) > MAX_FILE_BYTES) {
          continue;
        }
        try {
          files.put(
              path,
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                  .toString());
        } catch (CharacterCodingException e) {
          // Not UTF-8: not worth a query.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Picks the corpora and the queries. */
  static Selection select(
      Map<String, String> files, List<BugReports.Report> reports, Chunker chunker, Limits limits) {
    Random random = new Random(limits.seed());
    List<String> missing = new ArrayList<>();
    List<Query> bugQueries = BugReports.resolve(reports, files, missing);
    Set<String> bugFiles = new LinkedHashSet<>();
    bugQueries.forEach(q -> bugFiles.add(q.path()));

    List<String> shuffled = new ArrayList<>(files.keySet());
    Collections.shuffle(shuffled, random);

    Set<String> full = new LinkedHashSet<>(bugFiles);
    for (String path : shuffled) {
      if (full.size() >= limits.maxFiles()) {
        break;
      }
      full.add(path);
    }

    Set<String> small = new LinkedHashSet<>();
    int chunks = 0;
    for (String path : bugFiles) {
      small.add(path);
      chunks += chunker.chunk(path, files.get(path)).size();
    }
    int largest = Math.max(1, limits.smallChunks() / 20);
    for (String path : shuffled) {
      if (chunks >= limits.smallChunks() || !full.contains(path) || small.contains(path)) {
        continue;
      }
      int count = chunker.chunk(path, files.get(path)).size();
      if (count > largest || chunks + count > limits.smallChunks()) {
        continue; // A huge file would take the budget of many small ones.
      }
      small.add(path);
      chunks += count;
    }

    List<DocComments.Doc> sampled = sampleDocs(files, full, small, limits.docQueries(), random);
    Map<String, String> indexed = blank(files, full, sampled);
    Map<String, String> smallIndexed = new TreeMap<>();
    small.forEach(path -> smallIndexed.put(path, indexed.get(path)));

    List<Query> docQueries = new ArrayList<>();
    for (DocComments.Doc doc : sampled) {
      docQueries.add(
          new Query(
              "doc-" + (docQueries.size() + 1),
              Query.Kind.DOC,
              doc.sentence(),
              doc.path(),
              doc.symbol(),
              doc.startLine(),
              doc.endLine()));
    }
    return new Selection(
        indexed, smallIndexed, chunks, docQueries, bugQueries, List.copyOf(missing));
  }

  /**
   * Samples doc comments of the small corpus whose first sentence is unique in the full corpus (an
   * overload's copied comment would be an ambiguous query).
   */
  private static List<DocComments.Doc> sampleDocs(
      Map<String, String> files, Set<String> full, Set<String> small, int count, Random random) {
    Map<String, Integer> sentences = new HashMap<>();
    List<DocComments.Doc> candidates = new ArrayList<>();
    for (String path : full) {
      for (DocComments.Doc doc : DocComments.find(path, files.get(path))) {
        sentences.merge(normalized(doc.sentence()), 1, Integer::sum);
        if (small.contains(path)) {
          candidates.add(doc);
        }
      }
    }
    candidates.removeIf(doc -> sentences.get(normalized(doc.sentence())) > 1);
    candidates.sort(
        Comparator.comparing(DocComments.Doc::path).thenComparing(d -> d.commentStart()));
    Collections.shuffle(candidates, random);
    return List.copyOf(candidates.subList(0, Math.min(count, candidates.size())));
  }

  /** The files of {@code keep}, with the sampled comments replaced by blank lines. */
  private static Map<String, String> blank(
      Map<String, String> files, Set<String> keep, List<DocComments.Doc> docs) {
    Map<String, List<DocComments.Doc>> byPath = new HashMap<>();
    docs.forEach(doc -> byPath.computeIfAbsent(doc.path(), p -> new ArrayList<>()).add(doc));
    Map<String, String> result = new LinkedHashMap<>();
    for (String path : keep.stream().sorted().toList()) {
      String text = files.get(path);
      List<DocComments.Doc> here = byPath.getOrDefault(path, List.of());
      if (!here.isEmpty()) {
        StringBuilder out = new StringBuilder(text);
        for (DocComments.Doc doc : here) {
          for (int i = doc.commentStart(); i < doc.commentEnd(); i++) {
            if (out.charAt(i) != '\n') {
              out.setCharAt(i, ' ');
            }
          }
        }
        text = out.toString().replaceAll("(?m)[ \\t]+$", "");
      }
      result.put(path, text);
    }
    return result;
  }

  /** Writes {@code files} under {@code root}, which is emptied first. */
  static void write(Map<String, String> files, Path root) {
    try {
      if (Files.exists(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = root.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String normalized(String sentence) {
    return sentence.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
  }
}
