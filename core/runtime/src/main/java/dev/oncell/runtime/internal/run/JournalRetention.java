package dev.oncell.runtime.internal.run;

import dev.oncell.runtime.internal.cell.CellRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Removes journals of finished runs older than the retention; a live run's is never touched. */
final class JournalRetention {

  private static final Logger LOG = Logger.getLogger(JournalRetention.class.getName());

  private final CellRegistry cells;
  private final Clock clock;
  private final Duration retention;

  JournalRetention(CellRegistry cells, Clock clock, Duration retention) {
    this.cells = cells;
    this.clock = clock;
    this.retention = retention;
  }

  /** Prunes the customer's journals; {@code live} tells a going run's id. Never fails. */
  void prune(String customer, Predicate<String> live) {
    try {
      Path dir = cells.live(customer).paths().journals();
      if (!Files.isDirectory(dir)) {
        return;
      }
      Instant cutoff = clock.instant().minus(retention);
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String runId = file.getFileName().toString().replaceFirst("\\.log$", "");
          if (!live.test(runId) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "pruning journals of " + customer, e);
    }
  }
}
