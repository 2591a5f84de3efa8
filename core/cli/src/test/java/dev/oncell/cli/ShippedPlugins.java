package dev.oncell.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** The plugins of {@code plugins/} as a server gets them, for tests that deploy them. */
final class ShippedPlugins {

  private ShippedPlugins() {}

  /**
   * The plugin jar holding {@code agentClass} as the reactor built it ({@code
   * plugins/<id>/target}); when the build stopped before packaging, its classes folder packed with
   * the same manifest entries.
   */
  static byte[] jar(Class<?> agentClass, String pluginId) {
    try {
      Path location =
          Path.of(agentClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        return Files.readAllBytes(location);
      }
      return pack(location, pluginId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] pack(Path classes, String pluginId) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", pluginId);
    main.putValue("Plugin-Version", "0.0.0-test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        if (name.equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        jar.putNextEntry(new JarEntry(name));
        Files.copy(file, jar);
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
