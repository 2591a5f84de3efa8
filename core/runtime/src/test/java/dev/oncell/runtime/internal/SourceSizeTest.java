package dev.oncell.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the runtime's files small: no main source file over {@value #MAX_LINES} lines. A class that
 * grows past it has taken on a second job; split it by job (see the README's package map).
 */
class SourceSizeTest {

  static final int MAX_LINES = 350;

  @Test
  void noMainSourceFileIsOver350Lines() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).as("run from core/runtime").isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(main)) {
      tooLong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> lines(f) > MAX_LINES)
              .map(f -> main.relativize(f) + " (" + lines(f) + " lines)")
              .sorted()
              .toList();
    }
    assertThat(tooLong)
        .as("main source files over %d lines; split them by job", MAX_LINES)
        .isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
