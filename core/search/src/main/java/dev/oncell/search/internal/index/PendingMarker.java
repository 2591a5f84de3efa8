package dev.oncell.search.internal.index;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file {@code pending} in the index directory, present while work is unfinished: an index run
 * that has not committed, or chunks still waiting for their vectors. A text file:
 *
 * <pre>
 * oncell-index-pending 1
 * run &lt;path&gt; &lt;glob&gt;     one line per unfinished run, URL-encoded, "-" for no glob
 * embed                    when chunks wait for vectors
 * </pre>
 *
 * Replaced atomically (written beside, then renamed), so a crash leaves the old or the new one.
 */
final class PendingMarker {

  static final String FILE = "pending";
  private static final String HEADER = "oncell-index-pending 1";

  /** An index run: its path and glob as given. */
  record Run(String path, Optional<String> glob) {}

  private final Path file;
  private final List<Run> runs = new ArrayList<>();
  private boolean embed;

  private PendingMarker(Path file) {
    this.file = file;
  }

  static boolean exists(Path indexDir) {
    return Files.exists(indexDir.resolve(FILE));
  }

  static PendingMarker read(Path indexDir) {
    PendingMarker m = new PendingMarker(indexDir.resolve(FILE));
    try {
      if (Files.exists(m.file)) {
        for (String line : Files.readAllLines(m.file, StandardCharsets.UTF_8)) {
          String[] parts = line.split(" ");
          if (parts[0].equals("run") && parts.length == 3) {
            String glob = decode(parts[2]);
            m.runs.add(
                new Run(decode(parts[1]), glob.equals("-") ? Optional.empty() : Optional.of(glob)));
          } else if (parts[0].equals("embed")) {
            m.embed = true;
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // An unreadable marker still says work is pending: resume everything.
      m.runs.add(new Run("", Optional.empty()));
      m.embed = true;
    }
    return m;
  }

  synchronized List<Run> runs() {
    return List.copyOf(new java.util.LinkedHashSet<>(runs));
  }

  synchronized boolean embedPending() {
    return embed;
  }

  /** Adds a run; the same run twice is listed twice in memory (each is removed once). */
  synchronized void addRun(Run run) throws IOException {
    runs.add(run);
    write();
  }

  synchronized void removeRun(Run run) throws IOException {
    runs.remove(run);
    write();
  }

  synchronized void setEmbed(boolean pending) throws IOException {
    if (embed != pending) {
      embed = pending;
      write();
    }
  }

  private void write() throws IOException {
    if (runs.isEmpty() && !embed) {
      Files.deleteIfExists(file);
      return;
    }
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Run r : new java.util.LinkedHashSet<>(runs)) {
      text.append("run ")
          .append(encode(r.path().isEmpty() ? "." : r.path()))
          .append(' ')
          .append(encode(r.glob().orElse("-")))
          .append('\n');
    }
    if (embed) {
      text.append("embed\n");
    }
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
