package dev.oncell.server.internal;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs work a client waits for, such as a shell command or a grep, and interrupts it when the
 * client goes away: the runtime kills an interrupted command with its whole tree, and a search pool
 * cancels an interrupted search. While the work runs nothing else reads the connection (its request
 * is read whole), so a watcher reads it with a short timeout: end of stream or a reset means the
 * client is gone. A client that sends the next request before this one is answered (pipelining)
 * loses that request: its connection closes after the answer.
 */
final class ClientWatch {

  private static final int POLL_MILLIS = 200;

  private ClientWatch() {}

  /**
   * Runs {@code work}, interrupting it when the client goes away.
   *
   * @param what the work, for the log line ("command", "grep")
   */
  static <T> T whileConnected(
      RequestBodies bodies, ServerRequest req, ServerResponse res, String what, Supplier<T> work) {
    SocketAddress remote = req.remotePeer().address();
    Optional<ConnectionGuard.Connection> connection = bodies.connections().find(remote);
    if (connection.isEmpty() || !connection.get().channel.isOpen()) {
      return work.get();
    }
    Socket socket = connection.get().channel.socket();
    Thread worker = Thread.currentThread();
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean gone = new AtomicBoolean();
    AtomicBoolean readAhead = new AtomicBoolean();
    Thread watcher =
        Thread.ofVirtual()
            .name("oncell-client-watch")
            .start(
                () -> {
                  try {
                    socket.setSoTimeout(POLL_MILLIS);
                    InputStream in = socket.getInputStream();
                    while (!done.get()) {
                      try {
                        if (in.read() < 0) {
                          break;
                        }
                        readAhead.set(true);
                        return;
                      } catch (SocketTimeoutException e) {
                        // still connected
                      }
                    }
                  } catch (IOException e) {
                    // reset or closed: gone
                  }
                  if (!done.get()) {
                    gone.set(true);
                    worker.interrupt();
                  }
                });
    try {
      return work.get();
    } finally {
      done.set(true);
      joinUninterruptibly(watcher);
      try {
        socket.setSoTimeout(0);
      } catch (IOException e) {
        gone.set(true);
      }
      if (gone.get()) {
        Thread.interrupted(); // the interrupt was for the work; answering must not see it
        throw bodies.clientGone(remote, "while its " + what + " ran; the " + what + " was stopped");
      }
      if (readAhead.get()) {
        res.header(HeaderNames.CONNECTION, "close");
      }
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
