package dev.oncell.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds real PF4J plugin jars from classes on the class path, for tests and benchmarks (test
 * support in the runtime's test jar, not runtime API): a manifest with Plugin-Id and
 * Plugin-Version, the given classes (with their nested classes) and {@code META-INF/extensions.idx}
 * naming the agent.
 */
public final class PluginJars {

  private PluginJars() {}

  public static byte[] plugin(String pluginId, String version, Class<?> agent, Class<?>... more) {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(agent);
    classes.addAll(List.of(more));
    return jar(manifest(pluginId, version), classes, agent.getName() + "\n");
  }

  /**
   * A plugin jar whose extension index names {@code agent} and {@code extensions} (say a {@code
   * Forge} the plugin ships), with {@code more} classes besides.
   */
  public static byte[] withExtensions(
      String pluginId,
      String version,
      Class<?> agent,
      List<Class<?>> extensions,
      Class<?>... more) {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(agent);
    classes.addAll(extensions);
    classes.addAll(List.of(more));
    StringBuilder index = new StringBuilder(agent.getName()).append('\n');
    extensions.forEach(e -> index.append(e.getName()).append('\n'));
    return jar(manifest(pluginId, version), classes, index.toString());
  }

  /** A plugin jar whose extension index names no agent. */
  public static byte[] withoutAgent(String pluginId, Class<?>... classes) {
    return jar(manifest(pluginId, "1.0.0"), List.of(classes), "");
  }

  /** A jar with classes but no plugin manifest. */
  public static byte[] notAPlugin(Class<?>... classes) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    return jar(manifest, List.of(classes), null);
  }

  private static Manifest manifest(String pluginId, String version) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", pluginId);
    main.putValue("Plugin-Version", version);
    return manifest;
  }

  private static byte[] jar(Manifest manifest, List<Class<?>> classes, String extensions) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      for (Class<?> type : withNested(classes)) {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
          if (in == null) {
            throw new IllegalStateException("no class file for " + type);
          }
          jar.putNextEntry(new JarEntry(path));
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
      if (extensions != null) {
        jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
        jar.write(extensions.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<Class<?>> withNested(List<Class<?>> classes) {
    List<Class<?>> all = new ArrayList<>();
    for (Class<?> type : classes) {
      all.add(type);
      all.addAll(withNested(List.of(type.getDeclaredClasses())));
    }
    return all;
  }
}
