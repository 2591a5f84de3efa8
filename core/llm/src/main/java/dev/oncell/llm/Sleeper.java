package dev.oncell.llm;

import java.time.Duration;

/** Waits between retries; tests inject one that only records. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return d -> Thread.sleep(d);
  }
}
