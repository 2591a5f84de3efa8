package dev.oncell.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeRepo;
import dev.oncell.forge.example.ExampleForge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** An author's forge, packed in a real plugin jar, is found by PF4J next to the built-in ones. */
class ForgePluginTest {

  @TempDir Path plugins;

  @Test
  void aForgeInAPluginJarIsFoundByKind() throws IOException {
    writePlugin(plugins.resolve("example-forge-1.0.0.jar"), ExampleForge.class);
    PluginManager manager = new DefaultPluginManager(plugins);
    try {
      manager.loadPlugins();
      manager.startPlugins();
      List<Forge> forges = new ArrayList<>(Forges.builtIn(RetryPolicy.defaults()));
      forges.addAll(manager.getExtensions(Forge.class));

      Forge example = Forges.byKind(forges, "example").orElseThrow();
      assertThat(example.getClass().getClassLoader())
          .as("loaded from the plugin jar, not the test's class path")
          .isNotSameAs(ForgePluginTest.class.getClassLoader());
      ForgeConnection c =
          ForgeConnection.builder(
                  URI.create("http://127.0.0.1:9/api"),
                  ForgeRepo.parse("http://127.0.0.1:9/acme/widgets"),
                  "t0ken")
              .build();
      assertThat(example.ensurePullRequest(c, "feature", "main", "T", "B", false).headRef())
          .isEqualTo("feature");
      assertThat(Forges.byKind(forges, "github")).isPresent();
    } finally {
      manager.unloadPlugin("example-forge");
    }
  }

  private static void writePlugin(Path jar, Class<?> extension) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", "example-forge");
    main.putValue("Plugin-Version", "1.0.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      String path = extension.getName().replace('.', '/') + ".class";
      try (InputStream in = extension.getClassLoader().getResourceAsStream(path)) {
        out.putNextEntry(new JarEntry(path));
        in.transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      out.write((extension.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
