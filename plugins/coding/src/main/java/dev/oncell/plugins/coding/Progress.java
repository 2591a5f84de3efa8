package dev.oncell.plugins.coding;

import dev.oncell.agent.Context;

/**
 * A {@code progress} event as people want to read it: a step name for programs and a sentence for
 * people ("reading calc.py", "running python3 -m unittest: 1 failed", "pushing").
 */
record Progress(String step, String message) {

  static void say(Context ctx, String step, String message) {
    ctx.stream("progress", new Progress(step, message));
  }
}
