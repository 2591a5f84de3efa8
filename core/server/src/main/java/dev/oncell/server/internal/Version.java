package dev.oncell.server.internal;

/** The server's version, reported by {@code /health}. */
final class Version {

  static final String VALUE = "0.1.0";

  private Version() {}
}
