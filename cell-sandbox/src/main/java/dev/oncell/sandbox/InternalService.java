package dev.oncell.sandbox;

import dev.oncell.sandbox.internal.egress.InternalExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain-HTTP service the host answers itself inside a cell's egress, under a reserved name ending
 * in {@value #DOMAIN} (for example {@code git.oncell.internal}, the relay the cell's own {@code
 * git} fetches from and pushes to). A request through the cell's proxy to {@code http://<name>/...}
 * is handed to the service in-process: the name is never resolved, never matched against the
 * allow-list and never forwarded anywhere, so a cell reaches exactly the services its host gave it
 * and nothing else under that domain. {@code CONNECT} to such a name is refused: these services
 * speak plain HTTP over the proxy's socket, which never leaves the machine.
 */
@FunctionalInterface
public interface InternalService {

  /** The domain every internal service's name ends with. */
  String DOMAIN = "oncell.internal";

  /** A request body over this is refused (413) unless the service is registered with more. */
  long DEFAULT_MAX_BODY_BYTES = 1L << 30;

  /**
   * Answers one request. The body is the request's body with its framing removed ({@code
   * Content-Length} or chunked) and bounded; the service reads it and calls {@link Response#start}
   * exactly once. The connection closes after each answer.
   *
   * @throws IOException when the client went away; anything else thrown is answered with a 500
   *     whose body names no more than the exception's class
   */
  void serve(Request request, Response response) throws IOException;

  /** Whether {@code name} may name an internal service: a DNS name ending in {@link #DOMAIN}. */
  static boolean isInternalName(String name) {
    return InternalExchange.isInternalName(name);
  }

  /** One request to an internal service. */
  record Request(String method, String path, String query, List<Field> headers, InputStream body) {

    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(query, "query");
      headers = List.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name}, compared case-insensitively. */
    public Optional<String> header(String name) {
      return headers.stream()
          .filter(f -> f.name().equalsIgnoreCase(name))
          .map(Field::value)
          .findFirst();
    }
  }

  /** A request header, as sent. */
  record Field(String name, String value) {}

  /** Where a service writes its answer. */
  @FunctionalInterface
  interface Response {
    /**
     * Sends the status line and headers (once) and returns the stream for the body. Without a
     * {@code Content-Length} header, the body ends when the connection closes.
     */
    OutputStream start(int status, Map<String, String> headers) throws IOException;
  }
}
