package dev.oncell.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/** The options both {@code eval coding} and {@code eval review} take. */
final class EvalOptions {

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final List<Logger> QUIET =
      List.of(
          Logger.getLogger("org.flywaydb"),
          Logger.getLogger("io.helidon"),
          Logger.getLogger("org.pf4j"),
          Logger.getLogger("org.eclipse.jgit"),
          Logger.getLogger("dev.langchain4j"),
          Logger.getLogger("dev.oncell"));

  @Option(names = "--suite", required = true, description = "The suite: a folder of task folders.")
  Path suite;

  @Option(
      names = "--model",
      required = true,
      description = "scripted:DIR (recorded answers per task) or a provider of oncell.yaml.")
  String model;

  @Option(
      names = "--plugin",
      description =
          "The agent's plugin jar (default: plugins/<agent>/target/oncell-plugin-<agent>.jar).")
  Optional<Path> plugin;

  @Option(
      names = "--config",
      description =
          "The oncell.yaml that configures --model's provider (default: $ONCELL_HOME/oncell.yaml, else ~/.oncell/oncell.yaml).")
  Optional<Path> config;

  @Option(names = "--task", description = "Only this task (repeatable).")
  List<String> tasks = new ArrayList<>();

  @Option(
      names = "--sandbox",
      defaultValue = "",
      description = "The cells' sandbox backend (default: the host's).")
  String sandbox;

  static void quiet() {
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
  }

  /** The plugin jar of {@code agent}: --plugin, else the build's own under the project root. */
  Path pluginJar(String agent) {
    return plugin.orElseGet(
        () -> {
          String dir = System.getProperty("oncell.eval.plugins");
          if (dir != null) {
            return Path.of(dir, "oncell-plugin-" + agent + ".jar");
          }
          String root = Optional.ofNullable(System.getenv("ONCELL_ROOT")).orElse(".");
          return Path.of(root, "plugins", agent, "target", "oncell-plugin-" + agent + ".jar");
        });
  }

  Path operatorConfig() {
    return config.orElseGet(
        () -> {
          String home = System.getenv("ONCELL_HOME");
          return home != null
              ? Path.of(home, "oncell.yaml")
              : Path.of(System.getProperty("user.home"), ".oncell", "oncell.yaml");
        });
  }
}
