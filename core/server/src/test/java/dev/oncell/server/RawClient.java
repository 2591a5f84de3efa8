package dev.oncell.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw HTTP/1.1 client socket, for requests no well-behaved client sends. */
final class RawClient implements AutoCloseable {

  final Socket socket;

  RawClient(int port) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
  }

  RawClient send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return this;
  }

  /**
   * Everything the server sends until it closes the connection, or fails if it has not closed it
   * within {@code within}.
   */
  String readUntilClosed(Duration within) throws IOException {
    return read(within, got -> false, "the server did not close the connection");
  }

  /** The first response's head and as much body as arrives within {@code within}. */
  String readSome(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    byte[] buffer = new byte[8192];
    try {
      int n = socket.getInputStream().read(buffer);
      return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      return "";
    }
  }

  /**
   * One whole response, head and body (by its {@code Content-Length}; without one, the head), or
   * fails if it has not arrived within {@code within}.
   */
  String readUntilClosedOrBody(Duration within) throws IOException {
    return read(within, RawClient::wholeResponse, "no whole response");
  }

  private static boolean wholeResponse(String text) {
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      return false;
    }
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
            .matcher(text.substring(0, headEnd));
    return !length.find()
        || text.getBytes(StandardCharsets.UTF_8).length - (headEnd + 4)
            >= Integer.parseInt(length.group(1));
  }

  /**
   * What the server sends until {@code done} holds for it or the server closes the connection;
   * fails with {@code failure} if neither happens within {@code within}.
   */
  private String read(Duration within, java.util.function.Predicate<String> done, String failure)
      throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    while (!done.test(got.toString(StandardCharsets.UTF_8))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(failure + " within " + within + "; the server sent: " + got);
      }
      socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      try {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        got.write(buffer, 0, n);
      } catch (SocketTimeoutException e) {
        // loop to the deadline check
      } catch (SocketException e) {
        break; // reset: closed as well
      }
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
