package dev.oncell.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret as the server shows it: never its value.
 *
 * @param hint {@code ****} and the last four characters of a long value
 */
public record Secret(String name, String hint, Instant updatedAt) {
  public Secret {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
