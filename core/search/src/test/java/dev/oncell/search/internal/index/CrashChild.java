package dev.oncell.search.internal.index;

import dev.oncell.search.Chunker;
import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Run in a child JVM by {@link CrashTest}, which kills it with SIGKILL: {@code run} indexes with a
 * slow chunker, {@code embed} indexes quickly and then embeds slowly. Prints {@code indexed} once
 * {@code index} returned.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path indexDir = Path.of(args[1]);
    boolean slowRun = args[2].equals("run");
    Chunker standard = Chunker.standard();
    Chunker chunker =
        slowRun
            ? (path, content) -> {
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return standard.chunk(path, content);
            }
            : standard;
    IndexOptions options =
        IndexOptions.defaults()
            .withChunker(chunker)
            .withEmbedder(Optional.of(new HashingEmbedder("test-hash-64", 64, slowRun ? 0 : 200)));
    CodeIndex index = CodeIndex.open(indexDir, root, options);
    index.index("", Optional.empty());
    System.out.println("indexed");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
