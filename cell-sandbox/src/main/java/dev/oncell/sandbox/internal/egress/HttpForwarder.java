package dev.oncell.sandbox.internal.egress;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Forwards one absolute-form request ({@code GET http://host:port/path HTTP/1.1}) to its origin in
 * origin-form, with {@code Connection: close}, and streams the answer back. Hop-by-hop headers are
 * dropped both ways. A request body must come with a {@code Content-Length}: exactly that many
 * bytes are passed on, so nothing the client sends after it can reach the origin unchecked.
 */
final class HttpForwarder {

  private static final int RESPONSE_HEAD_LIMIT = 64 * 1024;
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "proxy-connection",
          "keep-alive",
          "proxy-authorization",
          "proxy-authenticate",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "host");

  private final ProxyConnection connection;
  private final String method;
  private final String target;
  private final HttpHead request;

  HttpForwarder(ProxyConnection connection, String method, String target, HttpHead request) {
    this.connection = connection;
    this.method = method;
    this.target = target;
    this.request = request;
  }

  void forward() throws IOException, HttpHead.Malformed {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new HttpHead.Malformed(400, "not a URL: " + HttpHead.shorten(target));
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
      throw new HttpHead.Malformed(
          400, "a proxy request needs an absolute http:// URL (use CONNECT for https)");
    }
    Authority authority = Authority.parse(uri.getRawAuthority(), OptionalInt.of(80));
    if (request.has("Transfer-Encoding")) {
      throw new HttpHead.Malformed(
          411, "chunked request bodies are not supported: send a Content-Length");
    }
    OptionalLong length = contentLength(request);
    Optional<ProxyConnection.Connected> connected = connection.connect(method, authority);
    if (connected.isEmpty()) {
      return;
    }
    Socket origin = connected.get().socket();
    try {
      OutputStream toOrigin = origin.getOutputStream();
      toOrigin.write(requestHead(uri).getBytes(StandardCharsets.ISO_8859_1));
      Tunnel.copy(connection.in(), toOrigin, length.orElse(0));
      InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
      HttpHead response = readFinalResponse(fromOrigin);
      OutputStream out = connection.out();
      out.write(responseHead(response).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      int status = Integer.parseInt(response.startLine().split(" ", 3)[1]);
      if (method.equals("HEAD") || status == 204 || status == 304) {
        return;
      }
      OptionalLong responseLength =
          response.has("Transfer-Encoding") ? OptionalLong.empty() : contentLength(response);
      if (responseLength.isPresent()) {
        Tunnel.copy(fromOrigin, out, responseLength.getAsLong());
      } else {
        Tunnel.copy(fromOrigin, out);
      }
    } catch (HttpHead.Malformed e) {
      connection.respond(502, "the origin's answer is not HTTP: " + e.getMessage());
    } finally {
      connection.release(origin);
    }
  }

  private String requestHead(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
    appendEndToEnd(head, request);
    head.append("Connection: close\r\n\r\n");
    return head.toString();
  }

  private static String responseHead(HttpHead response) {
    StringBuilder head = new StringBuilder(response.startLine()).append("\r\n");
    appendEndToEnd(head, response);
    head.append("Connection: close\r\n\r\n");
    return head.toString();
  }

  /** Copies every header but the hop-by-hop ones and those the Connection header names. */
  private static void appendEndToEnd(StringBuilder head, HttpHead message) {
    List<String> named = message.connectionOptions();
    for (HttpHead.Header h : message.headers()) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
        head.append(h.name()).append(": ").append(h.value()).append("\r\n");
      }
    }
  }

  /** The first non-informational response: 1xx heads (like 103 Early Hints) are dropped. */
  private static HttpHead readFinalResponse(InputStream in) throws IOException, HttpHead.Malformed {
    while (true) {
      HttpHead head =
          HttpHead.read(in, RESPONSE_HEAD_LIMIT)
              .orElseThrow(() -> new IOException("the origin closed without answering"));
      String[] parts = head.startLine().split(" ", 3);
      if (parts.length < 2
          || !parts[0].matches("HTTP/1\\.[01]")
          || !parts[1].matches("[1-5][0-9][0-9]")) {
        throw new HttpHead.Malformed(502, HttpHead.shorten(head.startLine()));
      }
      if (!parts[1].startsWith("1")) {
        return head;
      }
    }
  }

  private static OptionalLong contentLength(HttpHead head) throws HttpHead.Malformed {
    Optional<String> value = head.single("Content-Length");
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!value.get().matches("[0-9]{1,18}")) {
      throw new HttpHead.Malformed(400, "invalid Content-Length: " + value.get());
    }
    return OptionalLong.of(Long.parseLong(value.get()));
  }
}
