package dev.oncell.sandbox.internal.egress;

import dev.oncell.sandbox.InternalService;
import dev.oncell.sandbox.http.BodyFraming;
import dev.oncell.sandbox.http.BodyTooLargeException;
import dev.oncell.sandbox.http.HttpBody;
import dev.oncell.sandbox.http.HttpFormatException;
import dev.oncell.sandbox.http.HttpHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * One request through the proxy to an {@link InternalService}: the body is de-framed (a {@code
 * Content-Length} or chunked body, bounded) and streamed to the service while it reads, and the
 * service's answer is written back with {@code Connection: close}. Hop-by-hop headers are dropped
 * from the request the service sees.
 */
public final class InternalExchange {

  private static final Pattern NAME =
      Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+oncell\\.internal");

  private static final List<String> HOP_BY_HOP =
      List.of(
          "connection",
          "proxy-connection",
          "keep-alive",
          "proxy-authorization",
          "te",
          "trailer",
          "upgrade",
          "transfer-encoding",
          "content-length",
          "expect");

  private final ProxyConnection connection;
  private final String method;
  private final URI uri;
  private final HttpHead request;

  InternalExchange(ProxyConnection connection, String method, URI uri, HttpHead request) {
    this.connection = connection;
    this.method = method;
    this.uri = uri;
    this.request = request;
  }

  /** See {@link InternalService#isInternalName}. */
  public static boolean isInternalName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Whether {@code host} (as a client wrote it) is under the internal domain at all. */
  static boolean underInternalDomain(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals(InternalService.DOMAIN) || h.endsWith("." + InternalService.DOMAIN);
  }

  void serve(Map<String, InternalService> services) throws IOException, Malformed {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String what = "method=" + method + " host=" + host;
    InternalService service = services.get(host);
    int port = uri.getPort();
    if (service == null || (port != -1 && port != 80)) {
      connection.log("egress decision=refused " + what + " reason=no_internal_service");
      connection.respond(403, "refused " + host + ": no such service for this cell");
      return;
    }
    BodyFraming framing = requestFraming();
    if (request.tokens("Expect").contains("100-continue")) {
      connection
          .out()
          .write(
              "HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      connection.out().flush();
    }
    List<InternalService.Field> headers = new ArrayList<>();
    for (HttpHead.Field f : request.fields()) {
      if (!HOP_BY_HOP.contains(f.name().toLowerCase(Locale.ROOT))) {
        headers.add(new InternalService.Field(f.name(), f.value()));
      }
    }
    AtomicBoolean started = new AtomicBoolean();
    AtomicReference<Integer> status = new AtomicReference<>(0);
    try (BodyStream body = BodyStream.start(connection.in(), framing)) {
      InternalService.Request req =
          new InternalService.Request(
              method,
              uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
              uri.getRawQuery() == null ? "" : uri.getRawQuery(),
              headers,
              body);
      try {
        service.serve(
            req,
            (code, answerHeaders) -> {
              if (!started.compareAndSet(false, true)) {
                throw new IllegalStateException("the response was already started");
              }
              status.set(code);
              HttpHead head = HttpHead.response(code);
              for (Map.Entry<String, String> h :
                  new java.util.TreeMap<>(answerHeaders).entrySet()) {
                if (!h.getKey().equalsIgnoreCase("connection")
                    && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                  head = head.with(h.getKey(), h.getValue());
                }
              }
              head = head.with("Connection", "close");
              connection.out().write(head.encode());
              return connection.out();
            });
        body.failure().ifPresent(connection::log);
      } catch (IOException e) {
        throw e;
      } catch (RuntimeException e) {
        connection.log(
            "egress decision=internal " + what + " result=failed error=" + e.getClass().getName());
        if (!started.get()) {
          connection.respond(500, "the service failed (" + e.getClass().getSimpleName() + ")");
        }
        return;
      }
      Optional<String> tooLarge = body.tooLarge();
      if (!started.get()) {
        if (tooLarge.isPresent()) {
          connection.respond(413, tooLarge.get());
        } else {
          connection.respond(500, "the service gave no answer");
        }
      }
    }
    connection.out().flush();
    connection.log(
        "egress decision=internal "
            + what
            + " path="
            + uri.getRawPath()
            + " status="
            + status.get());
  }

  private BodyFraming requestFraming() throws Malformed {
    try {
      if (request.has("Transfer-Encoding")) {
        List<String> codings = request.tokens("Transfer-Encoding");
        if (codings.size() != 1 || !codings.getFirst().equals("chunked")) {
          throw new Malformed(400, "only the chunked transfer coding is accepted");
        }
        return new BodyFraming.Chunked();
      }
      long length = request.contentLength().orElse(0);
      return length == 0 ? new BodyFraming.None() : new BodyFraming.Length(length);
    } catch (HttpFormatException e) {
      throw Malformed.of(e);
    }
  }

  /**
   * The de-framed request body as a stream, decoded by a virtual thread as the service reads. A
   * body over the limit ends the stream early with an error the service sees as an {@link
   * IOException}.
   */
  private static final class BodyStream extends InputStream {
    private final PipedInputStream pipe;
    private final Thread decoder;
    private final AtomicReference<String> tooLarge = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    private BodyStream(PipedInputStream pipe, Thread decoder) {
      this.pipe = pipe;
      this.decoder = decoder;
    }

    static BodyStream start(InputStream in, BodyFraming framing) throws IOException {
      PipedInputStream pipe = new PipedInputStream(64 * 1024);
      PipedOutputStream sink = new PipedOutputStream(pipe);
      AtomicReference<BodyStream> self = new AtomicReference<>();
      Thread decoder =
          Thread.ofVirtual()
              .unstarted(
                  () -> {
                    // The flags are set before the sink closes, so a reader that sees the end
                    // of the pipe also sees why it ended.
                    try {
                      HttpBody.copy(in, sink, framing, InternalService.DEFAULT_MAX_BODY_BYTES);
                    } catch (BodyTooLargeException e) {
                      self.get().tooLarge.set("the request body is over " + e.limit() + " bytes");
                    } catch (IOException e) {
                      self.get().failure.set("egress internal request body: " + e.getMessage());
                    } finally {
                      try {
                        sink.close();
                      } catch (IOException e) {
                        // the reader is gone
                      }
                    }
                  });
      BodyStream stream = new BodyStream(pipe, decoder);
      self.set(stream);
      decoder.start();
      return stream;
    }

    Optional<String> tooLarge() {
      return Optional.ofNullable(tooLarge.get());
    }

    Optional<String> failure() {
      return Optional.ofNullable(failure.get());
    }

    @Override
    public int read() throws IOException {
      return ended(pipe.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return ended(pipe.read(b, off, len));
    }

    /** A body cut short is an error to the service, never a shorter body. */
    private int ended(int n) throws IOException {
      if (n < 0 && (tooLarge.get() != null || failure.get() != null)) {
        throw new IOException(
            tooLarge.get() != null ? tooLarge.get() : "the request body was cut short");
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      pipe.close();
      decoder.interrupt();
    }
  }
}
