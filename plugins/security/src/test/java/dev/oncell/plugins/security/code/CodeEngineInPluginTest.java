package dev.oncell.plugins.security.code;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.TestCell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterJava;

/**
 * The engine deployed as a plugin: its bundled tree-sitter natives load in the plugin's class
 * loader while the host's search (core/search) has loaded its own copy in the application class
 * loader, and both parse in the same JVM.
 */
class CodeEngineInPluginTest {

  @RegisterExtension static final OncellTestKit kit = OncellTestKit.forAgent(CodeProbeAgent.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FLAWED =
      """
      class Login {
        void f(HttpServletRequest request, Statement st) throws Exception {
          st.executeQuery("SELECT * FROM users WHERE name = '" + request.getParameter("u") + "'");
        }
      }
      """;

  @Test
  void theBundledNativesLoadBesideTheHostsAndScan() throws Exception {
    // The host's copy: loaded by the application class loader (as core/search loads it).
    try (TSParser hostParser = new TSParser()) {
      assertThat(hostParser.setLanguage(new TreeSitterJava())).isTrue();
    }
    Host host = kit.host();
    DeploymentInfo bundled = host.deployments().deploy(bundledJar(), "production");
    assertThat(bundled.agent()).isEqualTo("bundled-code-probe");
    host.cells()
        .create(
            new Cells.NewCell(
                "acme",
                JsonNodeFactory.instance.objectNode(),
                Optional.of(bundled.agent()),
                "production"))
        .setupRunId()
        .ifPresent(id -> host.runs().await(id));
    try {
      host.cells()
          .cell("acme")
          .files()
          .write("src/Login.java", FLAWED.getBytes(StandardCharsets.UTF_8));

      RunInfo run =
          host.runs()
              .await(
                  host.runs()
                      .start(
                          "acme",
                          "scan",
                          JSON.valueToTree(Map.of("paths", List.of("src/Login.java"))),
                          Optional.empty())
                      .id());
      assertThat(run.status())
          .as("run %s: %s", run.id(), run.error())
          .isEqualTo(RunStatus.SUCCEEDED);
      JsonNode report = run.result().orElseThrow();

      assertThat(report.path("indexed").asInt())
          .as("the host's search parsed the file")
          .isEqualTo(1);
      assertThat(report.path("findings")).hasSize(1);
      assertThat(report.path("findings").get(0).path("rule").asText())
          .isEqualTo("java-sql-injection");
      assertThat(report.path("findings").get(0).path("line").asInt()).isEqualTo(3);
      assertThat(report.path("foreignFunctions").asBoolean())
          .as("the C API is bound in the plugin's class loader too")
          .isTrue();
      String pluginLoader = report.path("treeSitterLoader").asText();
      assertThat(pluginLoader)
          .as("tree-sitter comes from the plugin, not the host")
          .isEqualTo(report.path("engineLoader").asText())
          .isNotEqualTo(String.valueOf(TSParser.class.getClassLoader()));
    } finally {
      host.cells().delete("acme");
    }
  }

  @Test
  void theEngineAlsoRunsOnTheHostsTreeSitterWhenNotBundled() {
    // The kit deploys only the test classes: the engine and tree-sitter come from the host's
    // loader.
    TestCell cell = kit.customer("plain");
    cell.files().write("A.java", FLAWED.getBytes(StandardCharsets.UTF_8));

    JsonNode report = cell.call("scan", Map.of("paths", List.of("A.java")));

    assertThat(report.path("findings")).hasSize(1);
    assertThat(report.path("treeSitterLoader").asText())
        .isEqualTo(String.valueOf(TSParser.class.getClassLoader()));
  }

  /** The plugin's classes (with the bundled tree-sitter) and the bundled probe, as one jar. */
  private static byte[] bundledJar() throws IOException {
    Path classes = location(CodeScanner.class);
    Path testClasses = location(CodeProbeAgent.class);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Id", "bundled-code-probe");
    manifest.getMainAttributes().putValue("Plugin-Version", "0.0.0-test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(classes)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        if (name.startsWith("META-INF/")) {
          continue;
        }
        add(jar, name, Files.readAllBytes(file));
      }
      String pkg = CodeProbeAgent.class.getPackageName().replace('.', '/');
      for (String probe : List.of("CodeProbeAgent", "BundledCodeProbeAgent")) {
        try (Stream<Path> list = Files.list(testClasses.resolve(pkg))) {
          for (Path file :
              list.filter(
                      p ->
                          p.getFileName().toString().startsWith(probe + ".")
                              || p.getFileName().toString().startsWith(probe + "$"))
                  .toList()) {
            add(jar, pkg + "/" + file.getFileName(), Files.readAllBytes(file));
          }
        }
      }
      add(
          jar,
          "META-INF/extensions.idx",
          (BundledCodeProbeAgent.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    jar.write(content);
    jar.closeEntry();
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
