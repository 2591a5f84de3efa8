package dev.oncell.runtime;

import java.util.Objects;

/**
 * A key just made: the only time its value is known. {@link #toString()} leaves the value out, so
 * logging this record never leaks it.
 */
public record IssuedKey(ApiKeyInfo info, String token) {
  public IssuedKey {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "IssuedKey[" + info + "]";
  }
}
