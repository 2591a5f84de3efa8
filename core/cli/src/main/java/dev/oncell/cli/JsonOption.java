package dev.oncell.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the server's JSON instead of a table. */
final class JsonOption {

  @Option(names = "--json", description = "Print the raw JSON instead of a table.")
  boolean enabled;
}
