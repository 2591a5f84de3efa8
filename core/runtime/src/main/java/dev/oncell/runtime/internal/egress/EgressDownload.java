package dev.oncell.runtime.internal.egress;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.http.BodyTooLargeException;
import dev.oncell.sandbox.http.HttpHead;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP(S) GET that goes through a cell's {@code EgressProxy}, so that the cell's allow-list, the
 * proxy's own name resolution, its address check and its log apply to {@code ctx.upload} exactly as
 * to the cell's own traffic. Every request is a {@code CONNECT host:port} through the proxy's unix
 * socket (so a refusal is always the proxy's answer, never an origin's 403), then plain HTTP/1.1
 * over the tunnel, or TLS with SNI and host name verification for {@code https}.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed, at most {@link #MAX_REDIRECTS}, each one a
 * new request decided by the proxy again. Each request has a deadline, after which its connection
 * is closed. The body is bounded.
 */
public final class EgressDownload {

  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Path proxySocket;
  private final long maxBytes;
  private final Duration timeout;
  private final SSLContext tls;

  public EgressDownload(Path proxySocket, long maxBytes, Duration timeout, SSLContext tls) {
    this.proxySocket = proxySocket;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.tls = tls;
  }

  /**
   * Checks a URL given by an agent.
   *
   * @throws CellException {@code invalid_url} (INVALID) for anything but an absolute http or https
   *     URL with a host and no user info
   */
  public static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalidUrl(url, e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalidUrl(url, "only http and https URLs can be uploaded");
    }
    if (uri.getHost() == null) {
      throw invalidUrl(url, "it has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalidUrl(url, "user info in a URL is not supported");
    }
    return uri;
  }

  /**
   * Downloads {@code url} into {@code target} (created or truncated), following redirects.
   *
   * @return the number of bytes written
   * @throws CellException {@code egress_refused} (INVALID) when the proxy refuses a request, with
   *     its reason; {@code upload_too_large} (INVALID) over the limit; {@code upload_failed} for a
   *     non-2xx answer (INVALID for 4xx, else UNAVAILABLE), too many redirects (INVALID) or a
   *     network failure (UNAVAILABLE); {@code upload_timeout} (UNAVAILABLE) past the deadline
   */
  public long fetch(URI url, Path target) {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      URI next = request(current, target);
      if (next == null) {
        try {
          return Files.size(target);
        } catch (IOException e) {
          throw CellException.internal("cannot read back the downloaded file", e);
        }
      }
      current = parse(current.resolve(next).toString());
    }
    throw new CellException(
        ErrorKind.INVALID,
        "upload_failed",
        url + " redirects more than " + MAX_REDIRECTS + " times");
  }

  /** One request: null when the body was written, else where it redirects to. */
  private URI request(URI url, Path target) {
    boolean https = url.getScheme().equalsIgnoreCase("https");
    String host = url.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
    String authority = host + ":" + port;
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(proxySocket));
        Deadline deadline = Deadline.start(channel, timeout)) {
      try {
        return exchange(channel, url, https, bare, port, authority, target);
      } catch (IOException e) {
        if (deadline.expired()) {
          throw new CellException(
              ErrorKind.UNAVAILABLE,
              "upload_timeout",
              "downloading " + url + " took longer than " + timeout.toSeconds() + " s",
              e);
        }
        throw e;
      }
    } catch (BodyTooLargeException e) {
      throw new CellException(
          ErrorKind.INVALID,
          "upload_too_large",
          url + " is larger than the upload limit of " + maxBytes + " bytes");
    } catch (SSLException e) {
      throw failed(ErrorKind.UNAVAILABLE, "TLS with " + authority + " failed: " + e);
    } catch (IOException e) {
      throw failed(ErrorKind.UNAVAILABLE, "downloading " + url + " failed: " + e);
    }
  }

  private URI exchange(
      SocketChannel channel,
      URI url,
      boolean https,
      String host,
      int port,
      String authority,
      Path target)
      throws IOException {
    InputStream raw = Channels.newInputStream(channel);
    OutputStream rawOut = Channels.newOutputStream(channel);
    write(rawOut, HttpHead.request("CONNECT", authority).with("Host", authority));
    // Unbuffered: nothing of the tunnel is consumed.
    HttpMessage proxied = HttpMessage.read(raw, "CONNECT");
    if (proxied.status() != 200) {
      throw refusedOrFailed(url, proxied, proxied.bodySnippet(raw));
    }
    InputStream in;
    OutputStream out;
    if (https) {
      SSLSocket tlsSocket =
          (SSLSocket)
              tls.getSocketFactory().createSocket(new ChannelSocket(channel), host, port, true);
      SSLParameters parameters = tlsSocket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // checks the certificate's names
      tlsSocket.setSSLParameters(parameters);
      tlsSocket.startHandshake();
      in = tlsSocket.getInputStream();
      out = tlsSocket.getOutputStream();
    } else {
      in = raw;
      out = rawOut;
    }
    boolean defaultPort = port == (https ? 443 : 80);
    URI ascii = URI.create(url.toASCIIString()); // other than ASCII in the path: %-encoded UTF-8
    String path =
        ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
    String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
    write(
        out,
        HttpHead.request("GET", path + query)
            .with("Host", defaultPort ? url.getHost() : authority)
            .with("User-Agent", "oncell-upload")
            .with("Accept", "*/*")
            .with("Accept-Encoding", "identity")
            .with("Connection", "close"));
    InputStream body = new BufferedInputStream(in);
    HttpMessage response = HttpMessage.read(body, "GET");
    if (REDIRECTS.contains(response.status()) && response.header("location").isPresent()) {
      try {
        return new URI(response.header("location").get());
      } catch (URISyntaxException e) {
        throw failed(ErrorKind.INVALID, url + " redirects to an invalid URL: " + e.getMessage());
      }
    }
    if (response.status() < 200 || response.status() > 299) {
      throw failed(
          response.status() < 500 ? ErrorKind.INVALID : ErrorKind.UNAVAILABLE,
          url + " answered " + response.statusLine() + ": " + response.bodySnippet(body));
    }
    try (OutputStream file = Files.newOutputStream(target)) {
      response.copyBody(body, file, maxBytes);
    }
    return null;
  }

  /** The proxy refused (403, or 400 for a host it cannot read) or could not connect. */
  private static CellException refusedOrFailed(URI url, HttpMessage answer, String why) {
    String detail = why.replaceFirst("^oncell egress proxy: ", "");
    if (answer.status() == 403 || answer.status() == 400) {
      return new CellException(
          ErrorKind.INVALID,
          "egress_refused",
          "the cell's egress allow-list refuses " + url + ": " + detail);
    }
    return failed(
        ErrorKind.UNAVAILABLE,
        "the egress proxy could not reach " + url + " (" + answer.status() + "): " + detail);
  }

  private static void write(OutputStream out, HttpHead head) throws IOException {
    out.write(head.encode());
    out.flush();
  }

  private static CellException failed(ErrorKind kind, String message) {
    return new CellException(kind, "upload_failed", message);
  }

  private static CellException invalidUrl(String url, String why) {
    return CellException.invalid(
        "invalid_url", "cannot upload from '" + HttpMessage.shorten(url) + "': " + why);
  }

  /** Closes a channel when its time is up, which ends any read or write blocked on it. */
  private static final class Deadline implements AutoCloseable {
    private final Thread watcher;
    private volatile boolean expired;

    private Deadline(SocketChannel channel, Duration timeout) {
      this.watcher =
          Thread.ofVirtual()
              .name("oncell-upload-deadline")
              .start(
                  () -> {
                    try {
                      Thread.sleep(timeout);
                      expired = true;
                      channel.close();
                    } catch (InterruptedException | IOException e) {
                      // Done in time, or already closed.
                    }
                  });
    }

    static Deadline start(SocketChannel channel, Duration timeout) {
      return new Deadline(channel, timeout);
    }

    boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      watcher.interrupt();
    }
  }
}
