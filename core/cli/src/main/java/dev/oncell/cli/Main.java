package dev.oncell.cli;

import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code oncell} command. Its attributes ({@code -h}, {@code -V}) are inherited by every
 * subcommand. Holds the {@link CliEnvironment} that every subcommand reads through {@link
 * #environment(CommandSpec)}; tests construct it with {@link #Main(CliEnvironment)}.
 */
@Command(
    name = "oncell",
    mixinStandardHelpOptions = true,
    version = "0.1.0",
    scope = ScopeType.INHERIT,
    description = "Self-hostable platform for AI coding agents: one cell per customer.",
    subcommands = {
      LoginCommand.class,
      CustomersCommand.class,
      DeployCommand.class,
      DeploymentsCommand.class,
      PromoteCommand.class,
      RunCommand.class,
      StreamCommand.class,
      RunsCommand.class,
      ShellCommand.class,
      MemoryCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      GrepCommand.class,
      SecretsCommand.class,
      GitCommand.class,
      WebhooksCommand.class,
      KeysCommand.class,
      CellsCommand.class,
      CellsCommand.UsageCommand.class,
      FilesCommand.class,
      LspCommand.class,
      SecurityCommand.class,
      ServeCommand.class,
      HelpCommand.class,
    })
public final class Main extends CommandGroup {

  private final CliEnvironment environment;

  /** The real process environment. */
  public Main() {
    this(CliEnvironment.system());
  }

  /** A given environment: home directory, variables, stdin/stdout, console. */
  public Main(CliEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  public CliEnvironment environment() {
    return environment;
  }

  /** The environment of the {@link Main} at the root of {@code spec}'s command tree. */
  static CliEnvironment environment(CommandSpec spec) {
    return spec.root().userObject() instanceof Main main
        ? main.environment()
        : CliEnvironment.system();
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Main()).setExecutionExceptionHandler(new ErrorHandler()).execute(args));
  }
}
