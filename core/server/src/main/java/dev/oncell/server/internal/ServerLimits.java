package dev.oncell.server.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of the server, set through {@code OncellServer.Builder}.
 *
 * @param maxBodyBytes the largest request body
 * @param headerTimeout how long a request line and headers may take to arrive, in total
 * @param bodyTimeout how long a request body may take to arrive, in total
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 * @param maxConnections open sockets at once; 0 for no limit
 */
public record ServerLimits(
    long maxBodyBytes,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int maxConnections) {

  public ServerLimits {
    positive("headerTimeout", headerTimeout);
    positive("bodyTimeout", bodyTimeout);
    positive("idleTimeout", idleTimeout);
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
    if (maxConnections < 0) {
      throw new IllegalArgumentException("maxConnections must be 0 or more: " + maxConnections);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
