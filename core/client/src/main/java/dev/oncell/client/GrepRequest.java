package dev.oncell.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A grep of a customer's indexed files. Start with {@link #of(String)}; each {@code with...} method
 * returns a new request.
 *
 * @param regex a regular expression, as {@code grep -E} reads it
 * @param glob only files matching this
 * @param limit most lines returned, 1 to 10,000
 */
public record GrepRequest(String regex, Optional<String> glob, int limit) {

  public GrepRequest {
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(glob, "glob");
  }

  public static GrepRequest of(String regex) {
    return new GrepRequest(regex, Optional.empty(), 1000);
  }

  public GrepRequest withGlob(String value) {
    return new GrepRequest(regex, Optional.of(value), limit);
  }

  public GrepRequest withLimit(int value) {
    return new GrepRequest(regex, glob, value);
  }
}
