package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * The input of the agent's {@code importOsv} method.
 *
 * @param path an OSV archive ({@code all.zip}) in the cell, or a folder of archives that are parts
 *     of one (imported as one snapshot, in name order)
 * @param ecosystem import only this ecosystem's records (OSV's name, any case); all supported
 *     ecosystems in the archive when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportOsvRequest(String path, Optional<String> ecosystem) {

  public ImportOsvRequest {
    ecosystem = ecosystem == null ? Optional.empty() : ecosystem;
  }
}
