package dev.oncell.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code ~/.oncell/config}: a {@link Properties} file with the {@code url} and {@code key} saved by
 * {@code oncell login}. Written atomically, owner-only ({@code 600}, folder {@code 700}) on POSIX
 * file systems since it holds a credential.
 */
final class ConfigFile {

  static final String URL = "url";
  static final String KEY = "key";

  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");

  private ConfigFile() {}

  /** Where the file lives under {@code home}. */
  static Path path(Path home) {
    return home.resolve(".oncell").resolve("config");
  }

  /** The saved settings; empty when there is no file. */
  static Properties load(Path home) {
    Path file = path(home);
    Properties properties = new Properties();
    if (!Files.isRegularFile(file)) {
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      return properties;
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), "config_error", 1, e);
    }
  }

  /** One saved, non-blank setting. */
  static Optional<String> value(Properties properties, String name) {
    return Optional.ofNullable(properties.getProperty(name))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  /** Saves {@code url} and {@code key}, keeping any other settings; returns the file. */
  static Path save(Path home, URI url, String key) {
    Path file = path(home);
    Properties properties = load(home);
    properties.setProperty(URL, url.toString());
    properties.setProperty(KEY, key);
    try {
      Path directory = file.getParent();
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, attributes(DIRECTORY_MODE));
      }
      Path temp = Files.createTempFile(directory, "config", ".tmp", attributes(FILE_MODE));
      try {
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          properties.store(writer, "oncell CLI: written by 'oncell login'");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      if (posix()) {
        Files.setPosixFilePermissions(file, FILE_MODE);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static FileAttribute<?>[] attributes(Set<PosixFilePermission> mode) {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
