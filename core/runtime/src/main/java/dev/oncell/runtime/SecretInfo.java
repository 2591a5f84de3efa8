package dev.oncell.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret as it may be shown: its name, a hint such as {@code ****cdef} (the last four characters
 * of a value of 12 or more, nothing of a shorter one) and when it was last set.
 */
public record SecretInfo(String name, String hint, Instant updatedAt) {
  public SecretInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  @Override
  public String toString() {
    return name + " (" + hint + ")";
  }
}
