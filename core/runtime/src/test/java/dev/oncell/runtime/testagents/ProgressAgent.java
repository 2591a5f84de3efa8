package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Streams progress as {@code Map.of} and {@code Set.of}, whose iteration order is salted per JVM
 * start, then holds in a step until a gate file appears: a run cut there and resumed in another JVM
 * replays those stream steps. Config: {@code log} (a file outside the cell: one {@code order ...}
 * line each time the method runs, one {@code holding} line each time the hold step executes; not
 * written when its folder does not exist, as when a recorded journal is replayed) and {@code gate}.
 */
@Extension
public class ProgressAgent extends Agent {

  public String report(Context ctx) {
    JsonNode config = ctx.config();
    Path log = Path.of(config.path("log").asText());
    Path gate = Path.of(config.path("gate").asText());
    Map<String, Integer> progress =
        Map.of("files", 12, "chunks", 340, "skipped", 0, "removed", 7, "failed", 1, "queued", 9);
    append(log, "order " + String.join(",", progress.keySet()));
    ctx.stream("progress", progress);
    ctx.stream("phases", Map.of("done", Set.of("scan", "chunk", "embed", "rank"), "ratio", 0.25));
    return ctx.step(
        "hold",
        String.class,
        () -> {
          append(log, "holding");
          while (!Files.exists(gate)) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while held");
            }
          }
          return "reported";
        });
  }

  private static void append(Path file, String line) {
    if (!Files.isDirectory(file.toAbsolutePath().getParent())) {
      return;
    }
    try {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
