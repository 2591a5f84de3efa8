package dev.oncell.sandbox.internal.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Copies bytes both ways between a proxy client and an origin until both sides are done. An end of
 * stream on one side is passed on as a half-close, so protocols that finish writing before they
 * finish reading still work; an error on either side cuts both.
 */
final class Tunnel {

  private static final int BUFFER = 16 * 1024;

  private Tunnel() {}

  /**
   * Runs the tunnel on the calling thread plus one named virtual thread for the client-to-origin
   * direction. {@code fromClient} may hold bytes the client sent right after its request.
   */
  static void run(
      InputStream fromClient,
      OutputStream toClient,
      SocketChannel client,
      Socket origin,
      String name)
      throws IOException {
    Thread upstream =
        Thread.ofVirtual()
            .name(name + "-up")
            .start(
                () -> {
                  try {
                    fromClient.transferTo(origin.getOutputStream());
                    origin.shutdownOutput();
                  } catch (IOException e) {
                    cut(client, origin);
                  }
                });
    try {
      copy(origin.getInputStream(), toClient);
      client.shutdownOutput();
    } catch (IOException e) {
      cut(client, origin);
    }
    try {
      upstream.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cut(client, origin);
    }
  }

  /** Copies until the end of {@code in}, flushing each chunk so a slow stream is not held back. */
  static long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      out.flush();
      total += n;
    }
    return total;
  }

  /** Copies exactly {@code length} bytes. */
  static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("stream ended " + left + " bytes before its announced length");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    out.flush();
  }

  private static void cut(SocketChannel client, Socket origin) {
    OpenConnections.closeQuietly(client);
    OpenConnections.closeQuietly(origin);
  }
}
