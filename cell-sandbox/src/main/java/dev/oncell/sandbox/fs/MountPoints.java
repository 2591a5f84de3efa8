package dev.oncell.sandbox.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/self/mountinfo} says is mounted, for refusing to remove a tree with a mount.
 */
public final class MountPoints {

  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private MountPoints() {}

  /**
   * The first mount point at or below {@code top}, relative to it ("" for {@code top} itself).
   *
   * @param top an absolute, normalized host path
   */
  public static Optional<String> under(Path top) throws IOException {
    if (!Files.isReadable(MOUNTINFO)) {
      return Optional.empty(); // not Linux: the device check of the removal alone applies
    }
    String real = top.toString();
    for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
      // id parent major:minor root mount-point options [optional...] - fstype source options
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      String point = unescape(fields[4]);
      if (point.equals(real) || point.startsWith(real + "/")) {
        return Optional.of(point.substring(real.length()));
      }
    }
    return Optional.empty();
  }

  /** Undoes mountinfo's octal escapes ({@code \040} for a space and so on). */
  public static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()) {
        String octal = field.substring(i + 1, i + 4);
        if (octal.chars().allMatch(d -> d >= '0' && d <= '7')) {
          out.append((char) Integer.parseInt(octal, 8));
          i += 3;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
