package dev.oncell.lsp;

import java.util.Optional;

/** This server's version, from the jar's manifest; {@code dev} when run from classes. */
final class Version {

  private Version() {}

  static String current() {
    return Optional.ofNullable(Version.class.getPackage().getImplementationVersion()).orElse("dev");
  }
}
