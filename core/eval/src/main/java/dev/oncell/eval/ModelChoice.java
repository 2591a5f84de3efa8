package dev.oncell.eval;

import dev.oncell.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --model} names: {@code scripted:DIR}, recorded answers replayed per task (offline and
 * deterministic: it measures the harness, not a model), or a provider of the operator's {@code
 * oncell.yaml} ({@code openai}, {@code anthropic}, {@code local}, or any name configured there).
 */
sealed interface ModelChoice {

  /** Answers in {@code dir/<task>.json}: {@code {"answers": ["text" | {structured}, ...]}}. */
  record Scripted(Path dir) implements ModelChoice {}

  /** A provider (and optionally {@code provider/model}) of the operator's configuration. */
  record Provider(String name) implements ModelChoice {}

  static ModelChoice parse(String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw new CliException(
          "--model needs scripted:DIR or a provider of oncell.yaml (openai, anthropic, local)",
          "invalid_argument",
          2);
    }
    if (v.startsWith("scripted:")) {
      Path dir = Path.of(v.substring("scripted:".length())).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir)) {
        throw new CliException(
            "--model scripted:DIR: " + dir + " is not a folder of recorded answers",
            "invalid_argument",
            2);
      }
      return new Scripted(dir);
    }
    if (!v.matches("[A-Za-z0-9][A-Za-z0-9._:/-]{0,120}")) {
      throw new CliException(
          "--model " + v + ": not a provider name (letters, digits, . _ : / -)",
          "invalid_argument",
          2);
    }
    return new Provider(v);
  }
}
