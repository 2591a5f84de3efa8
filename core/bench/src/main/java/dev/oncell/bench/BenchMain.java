package dev.oncell.bench;

import dev.oncell.cli.ErrorHandler;
import dev.oncell.cli.Main;
import picocli.CommandLine;

/**
 * The entry point of {@code ./oncell bench ...}: the production CLI's root command with {@code
 * bench} (and its {@code search} and {@code cells}) added, so that options, help and error lines
 * are the CLI's own while the production CLI carries no benchmark code.
 */
public final class BenchMain {

  private BenchMain() {}

  /**
   * {@code main}'s command tree with {@code bench} added, failures printed by the CLI's handler.
   */
  static CommandLine commandLine(Main main) {
    return new CommandLine(main)
        .addSubcommand(new BenchCommand())
        .setExecutionExceptionHandler(new ErrorHandler());
  }

  public static void main(String[] args) {
    System.exit(commandLine(new Main()).execute(args));
  }
}
