package dev.oncell.sandbox.internal.egress;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every socket an egress proxy has open, so that closing the proxy cuts them all. A socket
 * registered after the proxy closed is closed at once: no connection outlives its proxy.
 */
final class OpenConnections {

  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Tracks {@code c}; closes it and returns false when the proxy is already closed. */
  boolean register(Closeable c) {
    open.add(c);
    if (closed) {
      open.remove(c);
      closeQuietly(c);
      return false;
    }
    return true;
  }

  void release(Closeable c) {
    open.remove(c);
    closeQuietly(c);
  }

  boolean closed() {
    return closed;
  }

  void closeAll() {
    closed = true;
    for (Closeable c : open) {
      release(c);
    }
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // Already broken: nothing more to release.
    }
  }
}
