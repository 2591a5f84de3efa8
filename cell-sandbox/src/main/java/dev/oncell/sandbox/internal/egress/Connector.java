package dev.oncell.sandbox.internal.egress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** How the egress proxy opens a connection to an origin; tests record the attempts. */
@FunctionalInterface
public interface Connector {

  Connector TCP =
      (address, timeout) -> {
        Socket socket = new Socket();
        try {
          socket.connect(address, Math.toIntExact(timeout.toMillis()));
          socket.setTcpNoDelay(true);
          return socket;
        } catch (IOException | RuntimeException e) {
          socket.close();
          throw e;
        }
      };

  /** A connected socket to exactly {@code address}, which is already resolved. */
  Socket connect(InetSocketAddress address, Duration timeout) throws IOException;
}
