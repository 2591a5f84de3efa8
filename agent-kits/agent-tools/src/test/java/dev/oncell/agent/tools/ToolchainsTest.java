package dev.oncell.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolchainsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectNode NO_CONFIG = JSON.createObjectNode();

  private static Optional<Toolchain> detect(MemoryFiles files) {
    return Toolchains.detect(files, NO_CONFIG);
  }

  @Test
  void detectsEachBuildFile() {
    assertThat(detect(new MemoryFiles().with("package.json", "{\"scripts\":{\"test\":\"jest\"}}")))
        .contains(new Toolchain("npm", "npm test", "package.json"));
    assertThat(detect(new MemoryFiles().with("pom.xml", "<project/>").with("mvnw", "#!/bin/sh")))
        .contains(new Toolchain("maven", "sh mvnw -B -q test", "mvnw"));
    assertThat(detect(new MemoryFiles().with("pom.xml", "<project/>")))
        .contains(new Toolchain("maven", "mvn -B -q test", "pom.xml"));
    assertThat(detect(new MemoryFiles().with("build.gradle.kts", "")))
        .contains(new Toolchain("gradle", "gradle test", "build.gradle.kts"));
    assertThat(detect(new MemoryFiles().with("go.mod", "module x")))
        .contains(new Toolchain("go", "go test ./...", "go.mod"));
    assertThat(detect(new MemoryFiles().with("pyproject.toml", "[project]\nname = \"calc\"\n")))
        .contains(
            new Toolchain("python-unittest", "python3 -m unittest discover -v", "pyproject.toml"));
    assertThat(
            detect(
                new MemoryFiles()
                    .with("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n")))
        .contains(new Toolchain("python-pytest", "python3 -m pytest -q", "pyproject.toml"));
    assertThat(detect(new MemoryFiles().with("Makefile", "build:\n\tcc x.c\ntest:\n\t./t\n")))
        .contains(new Toolchain("make", "make test", "Makefile"));
  }

  @Test
  void npmsPlaceholderScriptAndUnknownProjectsGiveNothing() {
    String placeholder =
        "{\"scripts\":{\"test\":\"echo \\\"Error: no test specified\\\" && exit 1\"}}";
    assertThat(detect(new MemoryFiles().with("package.json", placeholder))).isEmpty();
    assertThat(detect(new MemoryFiles().with("package.json", "not json"))).isEmpty();
    assertThat(detect(new MemoryFiles().with("README.md", "hi"))).isEmpty();
    assertThat(detect(new MemoryFiles().with("Makefile", "build:\n\tcc x.c\n"))).isEmpty();
  }

  @Test
  void configWinsOverTheRepositoryFileWhichWinsOverDetection() {
    MemoryFiles files =
        new MemoryFiles()
            .with("pom.xml", "<project/>")
            .with(".oncell/agent.yaml", "# how to test\ntestCommand: \"make check\"  # fast\n");
    assertThat(detect(files)).contains(new Toolchain("custom", "make check", ".oncell/agent.yaml"));
    ObjectNode config = JSON.createObjectNode().put("testCommand", "./ci/test.sh");
    assertThat(Toolchains.detect(files, config))
        .contains(new Toolchain("custom", "./ci/test.sh", "config"));
  }
}
