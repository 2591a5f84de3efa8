package dev.oncell.runtime;

import java.util.Objects;

/** Why a run or a setup failed: a stable code and a message for people. */
public record RunError(String code, String message) {

  public RunError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
