package dev.oncell.cli;

import picocli.CommandLine.Option;

/** {@code --customer ID}, the customer whose cell a command works on. */
final class CustomerOption {

  @Option(
      names = {"--customer", "-c"},
      required = true,
      paramLabel = "ID",
      description = "The customer whose cell to use.")
  String id;
}
