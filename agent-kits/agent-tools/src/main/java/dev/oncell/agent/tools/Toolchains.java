package dev.oncell.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.FileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds how a repository runs its tests, so that an agent can check its own changes. In order:
 *
 * <ol>
 *   <li>the customer's configuration, {@code testCommand} (the operator knows best);
 *   <li>the repository's {@code .oncell/agent.yaml}, key {@code testCommand} (the repository's
 *       owners know better than a guess);
 *   <li>detection from the build files: {@code package.json} (its {@code test} script), {@code
 *       mvnw}/{@code pom.xml}, {@code gradlew}/{@code build.gradle(.kts)}, {@code go.mod}, Python
 *       ({@code pyproject.toml}, {@code setup.py}, {@code setup.cfg}, {@code requirements.txt}:
 *       pytest when the project mentions it, else {@code unittest}), a {@code Makefile} with a
 *       {@code test} target.
 * </ol>
 *
 * The files are read through the agent's {@link FileStore}, so the repository's content never
 * reaches the host's file system.
 */
public final class Toolchains {

  /** The repository file whose {@code testCommand} overrides detection. */
  public static final String REPOSITORY_FILE = ".oncell/agent.yaml";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NPM_PLACEHOLDER = "no test specified";

  private Toolchains() {}

  /**
   * The toolchain of the repository in {@code store} (paths relative to its root), or empty when
   * nothing says how to test it.
   *
   * @param config the customer's configuration; its text {@code testCommand} wins
   */
  public static Optional<Toolchain> detect(FileStore store, JsonNode config) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(config, "config");
    String configured = config.path("testCommand").asText("").strip();
    if (!configured.isEmpty()) {
      return Optional.of(new Toolchain("custom", configured, "config"));
    }
    Optional<String> fromRepository =
        read(store, REPOSITORY_FILE).flatMap(yaml -> topLevelValue(yaml, "testCommand"));
    if (fromRepository.isPresent()) {
      return Optional.of(new Toolchain("custom", fromRepository.get(), REPOSITORY_FILE));
    }
    return detectFromBuildFiles(store);
  }

  private static Optional<Toolchain> detectFromBuildFiles(FileStore store) {
    Optional<Toolchain> npm = npm(store);
    if (npm.isPresent()) {
      return npm;
    }
    if (store.exists("mvnw")) {
      return found("maven", "sh mvnw -B -q test", "mvnw");
    }
    if (store.exists("pom.xml")) {
      return found("maven", "mvn -B -q test", "pom.xml");
    }
    if (store.exists("gradlew")) {
      return found("gradle", "sh gradlew test", "gradlew");
    }
    for (String file : new String[] {"build.gradle", "build.gradle.kts"}) {
      if (store.exists(file)) {
        return found("gradle", "gradle test", file);
      }
    }
    if (store.exists("go.mod")) {
      return found("go", "go test ./...", "go.mod");
    }
    Optional<Toolchain> python = python(store);
    if (python.isPresent()) {
      return python;
    }
    return read(store, "Makefile")
        .filter(makefile -> makefile.lines().anyMatch(l -> l.startsWith("test:")))
        .map(m -> new Toolchain("make", "make test", "Makefile"));
  }

  private static Optional<Toolchain> npm(FileStore store) {
    Optional<String> text = read(store, "package.json");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    JsonNode scripts;
    try {
      scripts = JSON.readTree(text.get()).path("scripts");
    } catch (IOException e) {
      return Optional.empty(); // not JSON: let the other build files speak
    }
    String test = scripts.path("test").asText("");
    if (test.isBlank() || test.contains(NPM_PLACEHOLDER)) {
      return Optional.empty();
    }
    return found("npm", "npm test", "package.json");
  }

  private static Optional<Toolchain> python(FileStore store) {
    for (String file :
        new String[] {"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "tox.ini"}) {
      Optional<String> text = read(store, file);
      if (text.isEmpty()) {
        continue;
      }
      boolean pytest =
          store.exists("pytest.ini")
              || store.exists("conftest.py")
              || text.get().toLowerCase(Locale.ROOT).contains("pytest");
      return pytest
          ? found("python-pytest", "python3 -m pytest -q", file)
          : found("python-unittest", "python3 -m unittest discover -v", file);
    }
    return Optional.empty();
  }

  /**
   * A top-level {@code key: value} of a simple YAML file; quotes around the value are removed.
   * Enough for one setting, without bundling a YAML parser into every plugin.
   */
  static Optional<String> topLevelValue(String yaml, String key) {
    for (String line : yaml.lines().toList()) {
      if (!line.startsWith(key + ":")) {
        continue;
      }
      String value = line.substring(key.length() + 1).strip();
      int comment = value.indexOf(" #");
      value = comment >= 0 ? value.substring(0, comment).strip() : value;
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
    return Optional.empty();
  }

  private static Optional<Toolchain> found(String name, String command, String source) {
    return Optional.of(new Toolchain(name, command, source));
  }

  private static Optional<String> read(FileStore store, String path) {
    if (!store.exists(path) || store.isDirectory(path)) {
      return Optional.empty();
    }
    return Optional.of(new String(store.read(path), StandardCharsets.UTF_8));
  }
}
