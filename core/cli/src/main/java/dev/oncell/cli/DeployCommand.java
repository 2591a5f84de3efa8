package dev.oncell.cli;

import dev.oncell.client.OncellClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oncell deploy [--env ENV] [--sandbox BACKEND] [JAR]}: uploads an agent plugin jar; without
 * JAR, first builds the Maven project in the current folder (see {@link PluginJar}).
 */
@Command(
    name = "deploy",
    description =
        "Deploy an agent plugin jar to an environment. Without JAR, builds the Maven project in"
            + " the current folder (mvn -q -B package -DskipTests) and deploys the jar in its"
            + " target/.")
final class DeployCommand extends ClientCommand {

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "staging (default) or production; 'oncell promote staging production' later.")
  String env = "staging";

  @Option(
      names = "--sandbox",
      paramLabel = "BACKEND",
      description =
          "The sandbox backend this deployment's cells run in: gvisor, bubblewrap, none or auto"
              + " (default: the server's, see 'oncell serve --sandbox').")
  Optional<String> sandbox = Optional.empty();

  @Option(
      names = "--project",
      paramLabel = "DIR",
      description = "The Maven project to build when JAR is absent (default: the current folder).")
  Optional<Path> project = Optional.empty();

  @Parameters(arity = "0..1", paramLabel = "JAR", description = "The plugin jar to deploy.")
  Optional<Path> jar = Optional.empty();

  @Mixin JsonOption json;

  @Override
  int run(OncellClient client) throws IOException {
    Path file =
        jar.isPresent()
            ? jar.get()
            : PluginJar.build(project.orElse(Path.of("")).toAbsolutePath(), err());
    DeploymentsCommand.printOne(
        out(), json, client.deployments().deploy(Files.readAllBytes(file), env, sandbox));
    return 0;
  }
}
