package dev.oncell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * For {@code deploy} without a JAR: builds the Maven project in a folder with {@code mvn -q -B
 * package -DskipTests} (a child process whose output is shown only if it fails) and picks the one
 * plugin jar in its {@code target/}.
 */
final class PluginJar {

  static final List<String> BUILD_ARGS = List.of("-q", "-B", "package", "-DskipTests");

  private PluginJar() {}

  /** Builds {@code project} and returns its plugin jar. */
  static Path build(Path project, PrintWriter err) throws IOException {
    if (!Files.isRegularFile(project.resolve("pom.xml"))) {
      throw new CliException(
          "no pom.xml in " + project + ": pass the plugin JAR to deploy, or run in its project",
          "no_project",
          ErrorHandler.USAGE_ERROR);
    }
    List<String> command =
        Stream.concat(Stream.of(mavenExecutable()), BUILD_ARGS.stream()).toList();
    err.println("Building " + project + " (" + String.join(" ", command) + ")");
    err.flush();
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new CliException(
          "cannot run "
              + command.getFirst()
              + " (is Maven installed and on the PATH?): "
              + e.getMessage(),
          "build_failed",
          ErrorHandler.API_ERROR,
          e);
    }
    process.getOutputStream().close(); // mvn -B reads nothing; no stdin to wait on.
    byte[] output = process.getInputStream().readAllBytes();
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while building " + project, "interrupted", 1, e);
    }
    if (exit != 0) {
      err.print(new String(output, StandardCharsets.UTF_8));
      err.flush();
      throw new CliException(
          String.join(" ", command) + " failed with exit code " + exit + " in " + project,
          "build_failed",
          ErrorHandler.API_ERROR);
    }
    return find(project.resolve("target"));
  }

  /**
   * The one jar directly in {@code target} that is not a {@code -sources}, {@code -javadoc} or
   * {@code -tests} jar nor a shade plugin's {@code original-} copy.
   */
  static Path find(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      throw new CliException("no folder " + target + " after the build", "no_jar", 1);
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(target)) {
      jars =
          files.filter(Files::isRegularFile).filter(PluginJar::isPluginCandidate).sorted().toList();
    }
    if (jars.isEmpty()) {
      throw new CliException("no plugin jar in " + target, "no_jar", 1);
    }
    if (jars.size() > 1) {
      throw new CliException(
          "several jars in "
              + target
              + " ("
              + String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList())
              + "): pass the one to deploy as JAR",
          "ambiguous_jar",
          1);
    }
    return jars.getFirst();
  }

  private static boolean isPluginCandidate(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jar")
        && !name.endsWith("-sources.jar")
        && !name.endsWith("-javadoc.jar")
        && !name.endsWith("-tests.jar")
        && !name.startsWith("original-");
  }

  private static String mavenExecutable() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
        ? "mvn.cmd"
        : "mvn";
  }
}
