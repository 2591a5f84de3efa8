package dev.oncell.server.internal;

/** Opens {@code Responses.redact} to tests in other packages. */
public final class RedactionProbe {

  private RedactionProbe() {}

  public static String redact(String message) {
    return Responses.redact(message);
  }
}
