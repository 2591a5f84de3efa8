package dev.oncell.agent.git;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Git#fetch} changed.
 *
 * @param remote the remote fetched from
 * @param updated the refs that changed, sorted by name; empty when everything was up to date
 */
public record FetchResult(String remote, List<RefUpdate> updated) {

  public FetchResult {
    Objects.requireNonNull(remote, "remote");
    updated = List.copyOf(updated);
  }
}
