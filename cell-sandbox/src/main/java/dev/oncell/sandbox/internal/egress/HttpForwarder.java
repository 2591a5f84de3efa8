package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.http.BodyFraming;
import dev.oncell.sandbox.http.HttpFormatException;
import dev.oncell.sandbox.http.HttpHead;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
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

  void forward() throws IOException, Malformed {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new Malformed(400, "not a URL: " + HttpHead.shorten(target));
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
      throw new Malformed(
          400, "a proxy request needs an absolute http:// URL (use CONNECT for https)");
    }
    Authority authority = Authority.parse(uri.getRawAuthority(), OptionalInt.of(80));
    if (request.has("Transfer-Encoding")) {
      throw new Malformed(411, "chunked request bodies are not supported: send a Content-Length");
    }
    long length;
    try {
      length = request.contentLength().orElse(0);
    } catch (HttpFormatException e) {
      throw Malformed.of(e);
    }
    byte[] head;
    try {
      head = requestHead(uri).encode();
    } catch (IllegalArgumentException e) {
      throw new Malformed(400, e.getMessage()); // Nothing is sent that would read differently.
    }
    Optional<ProxyConnection.Connected> connected = connection.connect(method, authority);
    if (connected.isEmpty()) {
      return;
    }
    Socket origin = connected.get().socket();
    try {
      OutputStream toOrigin = origin.getOutputStream();
      toOrigin.write(head);
      Tunnel.copy(connection.in(), toOrigin, length);
      InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
      HttpHead response;
      BodyFraming framing;
      try {
        response =
            HttpHead.readFinalResponse(fromOrigin, RESPONSE_HEAD_LIMIT)
                .orElseThrow(() -> new IOException("the origin closed without answering"));
        framing = BodyFraming.ofResponse(response, method);
      } catch (HttpFormatException e) {
        connection.respond(502, "the origin's answer is not HTTP: " + e.getMessage());
        return;
      }
      OutputStream out = connection.out();
      out.write(responseHead(response).encode());
      out.flush();
      if (framing instanceof BodyFraming.Length exactly) {
        Tunnel.copy(fromOrigin, out, exactly.bytes());
      } else if (!(framing instanceof BodyFraming.None)) {
        // Chunked or until the end: passed on as it comes, and the connection closes after it.
        Tunnel.copy(fromOrigin, out);
      }
    } finally {
      connection.release(origin);
    }
  }

  private HttpHead requestHead(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    HttpHead head = HttpHead.request(method, path).with("Host", uri.getRawAuthority());
    return withEndToEnd(head, request).with("Connection", "close");
  }

  private static HttpHead responseHead(HttpHead response) {
    return withEndToEnd(new HttpHead(response.startLine(), List.of()), response)
        .with("Connection", "close");
  }

  /** Adds every field of {@code from} but the hop-by-hop ones and those its Connection names. */
  private static HttpHead withEndToEnd(HttpHead head, HttpHead from) {
    List<String> named = from.connectionOptions();
    List<HttpHead.Field> fields = new ArrayList<>(head.fields());
    for (HttpHead.Field f : from.fields()) {
      String name = f.name().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
        fields.add(f);
      }
    }
    return new HttpHead(head.startLine(), fields);
  }
}
