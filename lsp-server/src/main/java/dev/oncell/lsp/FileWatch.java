package dev.oncell.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The change feed of open files: every {@code interval}, while the editor has files open, the
 * server checks them as {@code oncell/checkFiles} does and sends {@code oncell/fileChanged} for
 * each that changed in the cell since the editor last read or wrote it, whoever changed it (an
 * agent, a shell command, another editor). The editor no longer has to poll. A paused cell is not
 * checked (nothing changes in it, and reading its files would wake it); {@code
 * initializationOptions.watchIntervalMs} sets the interval (0 turns it off).
 */
final class FileWatch {

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);

  /** Shortest interval an editor may ask for, and the longest. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  static final Duration MAX_INTERVAL = Duration.ofMinutes(10);

  private static final Logger LOG = Logger.getLogger(FileWatch.class.getName());

  private FileWatch() {}

  /**
   * The interval an editor asked for in {@code initializationOptions} ({@code {"watchIntervalMs":
   * 3000}}), else {@code fallback}; zero is off.
   *
   * @throws org.eclipse.lsp4j.jsonrpc.ResponseErrorException invalid params for a value that is not
   *     a whole number of milliseconds, 0 or between the bounds
   */
  static Duration interval(Object initializationOptions, Duration fallback) {
    if (!(initializationOptions instanceof JsonObject options) || !options.has("watchIntervalMs")) {
      return fallback;
    }
    JsonElement value = options.get("watchIntervalMs");
    long millis;
    try {
      millis = value.getAsLong();
      if (!value.getAsJsonPrimitive().isNumber() || value.getAsDouble() != millis) {
        throw new NumberFormatException();
      }
    } catch (RuntimeException e) {
      throw Failures.invalidParams(
          "invalid_watch_interval", "watchIntervalMs must be a whole number of milliseconds");
    }
    if (millis == 0) {
      return Duration.ZERO;
    }
    if (millis < MIN_INTERVAL.toMillis() || millis > MAX_INTERVAL.toMillis()) {
      throw Failures.invalidParams(
          "invalid_watch_interval",
          "watchIntervalMs must be 0 (off) or between "
              + MIN_INTERVAL.toMillis()
              + " and "
              + MAX_INTERVAL.toMillis());
    }
    return Duration.ofMillis(millis);
  }

  /**
   * Checks every {@code interval} when {@code worthChecking}, until interrupted (the session
   * closes). A failed tick (the server unreachable for a moment) is tried again at the next one.
   */
  static void run(Duration interval, BooleanSupplier worthChecking, Runnable check) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (worthChecking.getAsBoolean()) {
          check.run();
        }
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        LOG.log(Level.FINE, "checking the open files failed; trying again", e);
      }
    }
  }

  static Optional<Duration> enabled(Duration interval) {
    return interval.isZero() ? Optional.empty() : Optional.of(interval);
  }
}
