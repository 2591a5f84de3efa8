package dev.oncell.lsp;

import java.util.function.BooleanSupplier;

/** Waiting for what the server does in the background: a bound, not a timing assertion. */
final class Eventually {

  private Eventually() {}

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting after 60 s");
      }
      Thread.sleep(20);
    }
  }
}
