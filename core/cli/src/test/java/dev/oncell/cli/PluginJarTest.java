package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which jar {@code deploy} without JAR picks from {@code target/} after building. */
class PluginJarTest {

  @TempDir Path target;

  private void touch(String... names) throws IOException {
    for (String name : names) {
      Files.write(target.resolve(name), new byte[] {1});
    }
  }

  @Test
  void picksThePluginJar_ignoringSourcesJavadocTestsAndShadeOriginals() throws IOException {
    touch(
        "agent-1.0.jar",
        "agent-1.0-sources.jar",
        "agent-1.0-javadoc.jar",
        "agent-1.0-tests.jar",
        "original-agent-1.0.jar",
        "agent-1.0.pom",
        "build.log");
    Files.createDirectories(target.resolve("classes.jar")); // a folder, not a file

    assertThat(PluginJar.find(target)).isEqualTo(target.resolve("agent-1.0.jar"));
  }

  @Test
  void noJar_isAnError() throws IOException {
    touch("agent-1.0-sources.jar");

    assertThatThrownBy(() -> PluginJar.find(target))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.code()).isEqualTo("no_jar");
              assertThat(e.getMessage()).contains(target.toString());
            });
  }

  @Test
  void severalJars_isAnErrorNamingThem() throws IOException {
    touch("a-1.0.jar", "b-1.0.jar");

    assertThatThrownBy(() -> PluginJar.find(target))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ambiguous_jar");
              assertThat(e.getMessage()).contains("a-1.0.jar, b-1.0.jar");
            });
  }

  @Test
  void missingTargetFolder_isAnError() {
    assertThatThrownBy(() -> PluginJar.find(target.resolve("target")))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.code()).isEqualTo("no_jar"));
  }
}
