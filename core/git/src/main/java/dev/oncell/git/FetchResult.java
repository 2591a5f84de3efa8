package dev.oncell.git;

import java.util.Map;
import java.util.Objects;

/**
 * What a fetch changed in the mirror.
 *
 * @param updated each local ref the fetch created or moved, to its new commit (an empty string for
 *     a ref it deleted)
 * @param advertised every ref the remote advertised, to its commit
 */
public record FetchResult(Map<String, String> updated, Map<String, String> advertised) {
  public FetchResult {
    updated = Map.copyOf(Objects.requireNonNull(updated, "updated"));
    advertised = Map.copyOf(Objects.requireNonNull(advertised, "advertised"));
  }
}
