package dev.oncell.agent.tools;

import dev.oncell.agent.Context;
import java.util.Objects;

/**
 * A {@code progress} event as people want to read it: a step name for programs and a sentence for
 * people ("reading calc.py", "running python3 -m unittest: 1 failed", "pushing"). The coding and
 * migration agents stream the same shape, so one client shows both.
 *
 * @param step a short machine-readable name of what the agent is doing ({@code edit}, {@code test})
 * @param message one sentence for people
 */
public record Progress(String step, String message) {

  public Progress {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
  }

  /** Streams one {@code progress} event to whoever watches the run. */
  public static void say(Context ctx, String step, String message) {
    ctx.stream("progress", new Progress(step, message));
  }
}
