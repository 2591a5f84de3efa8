package dev.oncell.client;

import java.util.Objects;

/**
 * A key just made or rotated, with its value: the only time the server sends it. {@link
 * #toString()} leaves the value out.
 */
public record CreatedKey(ApiKey info, String key) {
  public CreatedKey {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return "CreatedKey[" + info.id() + " " + info.hint() + "]";
  }
}
