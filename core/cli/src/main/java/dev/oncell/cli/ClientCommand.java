package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that calls the server: resolves {@code --url}/{@code --key}, opens a
 * client, runs {@link #run(OncellClient)} and closes the client. The exit code is what {@code run}
 * returns.
 */
abstract class ClientCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Override
  public final Integer call() throws Exception {
    try (OncellClient client = connection.resolve(environment()).client()) {
      return run(client);
    }
  }

  /** The command's work; returns the exit code. */
  abstract int run(OncellClient client) throws Exception;

  CliEnvironment environment() {
    return Main.environment(spec);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
