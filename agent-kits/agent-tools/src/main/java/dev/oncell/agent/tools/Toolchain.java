package dev.oncell.agent.tools;

import java.util.Objects;

/**
 * How a repository runs its tests.
 *
 * @param name the toolchain, such as {@code npm}, {@code maven}, {@code python-unittest}, or {@code
 *     custom} for a command given in configuration
 * @param testCommand the shell command that runs the tests from the repository's root
 * @param source where it came from: {@code config}, {@code .oncell/agent.yaml} or the file it was
 *     detected from (such as {@code package.json}), so that a surprising choice can be traced
 */
public record Toolchain(String name, String testCommand, String source) {

  public Toolchain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    if (Objects.requireNonNull(testCommand, "testCommand").isBlank()) {
      throw new IllegalArgumentException("a toolchain needs a test command");
    }
  }
}
