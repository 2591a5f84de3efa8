package dev.oncell.search.internal.chunk;

import dev.oncell.search.Chunk;
import dev.oncell.search.Chunker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * Single-thread throughput of chunking against tree-sitter's own parse, over a folder of real code
 * (not a test: run by hand, see the README). Prints MB/s of UTF-8 input and the process's resident
 * memory before and after, which must not grow with the number of files.
 */
public final class ChunkBenchmark {

  private ChunkBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Map.Entry<String, String>> files = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(path).toString();
        if (Language.forPath(name).isEmpty() || Files.size(path) > 1 << 20) {
          continue;
        }
        String content = Files.readString(path, StandardCharsets.UTF_8);
        files.add(Map.entry(name, content));
        bytes += content.getBytes(StandardCharsets.UTF_8).length;
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException("not UTF-8 under " + root, e);
    }
    System.out.printf("%d files, %.1f MB%n", files.size(), bytes / 1e6);
    // CPU time of this thread (parsing runs in it, in native code): the machine may be busy.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    ParserPool pool = new ParserPool(2);
    Chunker chunker = new StandardChunker(pool, StandardChunker.MAX_CHARS);
    for (int round = 0; round < rounds; round++) {
      long rss = rssKb();
      long t0 = cpu.getCurrentThreadCpuTime();
      for (Map.Entry<String, String> file : files) {
        Language language = Language.forPath(file.getKey()).orElseThrow();
        TSParser parser = pool.take(language);
        TSTree tree = parser.parseString(null, new SourceText(file.getValue()).parseable());
        tree.close();
        pool.give(language, parser);
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      long chunks = 0;
      long chunkChars = 0;
      for (Map.Entry<String, String> file : files) {
        for (Chunk chunk : chunker.chunk(file.getKey(), file.getValue())) {
          chunks++;
          chunkChars += chunk.content().length();
        }
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d: parse only %.2f MB/s, chunking %.2f MB/s; %d chunks of %d chars on average;"
              + " RSS %d -> %d MB%n",
          round,
          bytes / 1e6 / ((t1 - t0) / 1e9),
          bytes / 1e6 / ((t2 - t1) / 1e9),
          chunks,
          chunkChars / Math.max(1, chunks),
          rss / 1024,
          rssKb() / 1024);
    }
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
