package dev.oncell.testkit;

import dev.oncell.agent.Agent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds the plugin jar of an agent from where its class was loaded: a jar is taken as it is; a
 * classes folder ({@code target/classes} or {@code target/test-classes}) is packed with a plugin
 * manifest and an extension index naming only that agent.
 */
final class AgentJar {

  static final String TEST_VERSION = "0.0.0-test";
  private static final String MANIFEST = "META-INF/MANIFEST.MF";
  private static final String EXTENSIONS = "META-INF/extensions.idx";

  private AgentJar() {}

  static byte[] of(Class<? extends Agent> agent, String pluginId) {
    Path location = location(agent);
    try {
      if (Files.isRegularFile(location)) {
        return Files.readAllBytes(location);
      }
      return pack(location, agent, pluginId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the plugin jar of " + agent.getName(), e);
    }
  }

  private static Path location(Class<?> agent) {
    CodeSource source = agent.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(
          agent.getName() + " was not loaded from a folder or a jar; cannot build its plugin");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + agent.getName(), e);
    }
  }

  private static byte[] pack(Path folder, Class<?> agent, String pluginId) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", pluginId);
    main.putValue("Plugin-Version", TEST_VERSION);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      for (Path file : files) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        if (name.equals(MANIFEST) || name.equals(EXTENSIONS)) {
          continue;
        }
        jar.putNextEntry(new JarEntry(name));
        Files.copy(file, jar);
        jar.closeEntry();
      }
      // A test folder often holds several agents, and a plugin has exactly one: index only this.
      jar.putNextEntry(new JarEntry(EXTENSIONS));
      jar.write((agent.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }
}
