package dev.oncell.agent;

import java.util.Objects;
import java.util.function.Supplier;

/** A named step for {@link Orchestrator#stream}. */
public record Step(String name, Supplier<?> body) {

  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
  }

  public static Step of(String name, Runnable body) {
    Objects.requireNonNull(body, "body");
    return new Step(
        name,
        () -> {
          body.run();
          return null;
        });
  }

  public static Step of(String name, Supplier<?> body) {
    return new Step(name, body);
  }
}
