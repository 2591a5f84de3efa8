package dev.oncell.sandbox.internal.cgroup;

import java.util.Optional;

/** The memo behind {@link Cgroups#host()}: the host's cgroups do not change while we run. */
final class HostCgroups {

  private static Optional<Cgroups> detected = Optional.empty();

  private HostCgroups() {}

  static synchronized Cgroups get() {
    if (detected.isEmpty()) {
      detected = Optional.of(Cgroups.detect());
    }
    return detected.get();
  }
}
