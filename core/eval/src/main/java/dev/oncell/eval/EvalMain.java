package dev.oncell.eval;

import dev.oncell.cli.ErrorHandler;
import dev.oncell.cli.Main;
import picocli.CommandLine;

/**
 * The entry point of {@code ./oncell eval ...}: the production CLI's root command with {@code eval}
 * added, so options, help and error lines are the CLI's own while the production CLI carries no
 * harness (nor the test support it reuses).
 */
public final class EvalMain {

  private EvalMain() {}

  /** {@code main}'s command tree with {@code eval} added, failures printed by the CLI's handler. */
  static CommandLine commandLine(Main main) {
    return new CommandLine(main)
        .addSubcommand(new EvalCommand())
        .setExecutionExceptionHandler(new ErrorHandler());
  }

  public static void main(String[] args) {
    System.exit(commandLine(new Main()).execute(args));
  }
}
