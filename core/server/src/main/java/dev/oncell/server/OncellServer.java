package dev.oncell.server;

import dev.oncell.runtime.Host;
import dev.oncell.server.internal.HelidonServer;
import dev.oncell.server.internal.LspEndpoint;
import dev.oncell.server.internal.ServerLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP API over a {@link Host}. A thin adapter: every handler parses, calls one runtime service
 * and writes JSON.
 */
public interface OncellServer extends AutoCloseable {

  static Builder builder(Host host) {
    return new Builder(host);
  }

  /** Starts listening; returns once the port is bound. */
  OncellServer start();

  /** The bound port (useful with port 0). */
  int port();

  /** The address clients use, such as {@code http://127.0.0.1:8080}. */
  String url();

  /** Stops listening. The host stays open; the caller closes it. */
  @Override
  void close();

  /**
   * Server settings with sane defaults: 127.0.0.1, port 8080, 16 MiB request bodies, headers within
   * 10 s, bodies within 60 s, kept-alive connections idle for at most 60 s, 1000 connections.
   */
  final class Builder {
    private final Host host;
    private String bindAddress = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = 16L << 20;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int maxConnections = 1000;
    private Optional<LspSessions> lspSessions = Optional.empty();
    private int maxLspMessageBytes = 4 << 20;
    private int maxLspSocketsPerCustomer = 8;
    private Set<String> lspAllowedOrigins = Set.of();

    private Builder(Host host) {
      this.host = Objects.requireNonNull(host, "host");
    }

    public Builder bindAddress(String value) {
      this.bindAddress = Objects.requireNonNull(value, "bindAddress");
      return this;
    }

    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + value);
      }
      this.port = value;
      return this;
    }

    public Builder maxBodyBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + value);
      }
      this.maxBodyBytes = value;
      return this;
    }

    /**
     * How long a client may take to send a request line and its headers, in total; a connection
     * that sends less is closed.
     */
    public Builder headerTimeout(Duration value) {
      this.headerTimeout = positive("headerTimeout", value);
      return this;
    }

    /**
     * How long a client may take to send a request body, in total; raise it for large uploads over
     * slow links.
     */
    public Builder bodyTimeout(Duration value) {
      this.bodyTimeout = positive("bodyTimeout", value);
      return this;
    }

    /** How long a kept-alive connection may wait for its next request before it is closed. */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = positive("idleTimeout", value);
      return this;
    }

    /**
     * Open connections at once (0: no limit). At the limit the oldest connection that is idle or
     * still sending headers is closed so that new clients get in; past it, clients wait to connect.
     */
    public Builder maxConnections(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxConnections must be 0 or more: " + value);
      }
      this.maxConnections = value;
      return this;
    }

    /**
     * Serves the language server over a WebSocket at {@code /v1/customers/:id/lsp} (for browser
     * editors), each socket a session of {@code sessions}; without it that path is a 404.
     */
    public Builder lsp(LspSessions sessions) {
      this.lspSessions = Optional.of(Objects.requireNonNull(sessions, "sessions"));
      return this;
    }

    /**
     * The largest message an editor may send on a language-server socket, in bytes (default 4 MiB);
     * a bigger one closes the socket with status 1009.
     */
    public Builder maxLspMessageBytes(int value) {
      if (value < 1024) {
        throw new IllegalArgumentException("maxLspMessageBytes must be at least 1024: " + value);
      }
      this.maxLspMessageBytes = value;
      return this;
    }

    /**
     * Language-server sockets one customer may hold open at once (default 8); past it the upgrade
     * is refused with 503 {@code too_many_lsp_sockets}.
     */
    public Builder maxLspSocketsPerCustomer(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxLspSocketsPerCustomer must be positive: " + value);
      }
      this.maxLspSocketsPerCustomer = value;
      return this;
    }

    /**
     * The browser pages that may open a language-server socket, by origin ({@code
     * https://ide.example.com}, scheme, host and port only). By default only pages served from the
     * API's own host and port may (a browser's {@code Origin} must match the {@code Host} it
     * called); once set, exactly these. Clients that send no {@code Origin} (not browsers) are not
     * concerned: the key is what authorizes them.
     *
     * @throws IllegalArgumentException for an origin that is not {@code http(s)://host[:port]}
     */
    public Builder lspAllowedOrigins(Set<String> origins) {
      checkOrigins(origins);
      this.lspAllowedOrigins = Set.copyOf(origins);
      return this;
    }

    /**
     * Checks origins as {@link #lspAllowedOrigins} does, for a caller that reports a bad one before
     * building anything (as {@code oncell serve} does for its flag).
     *
     * @throws IllegalArgumentException naming the first origin that is not {@code
     *     http(s)://host[:port]}
     */
    public static void checkOrigins(Set<String> origins) {
      Objects.requireNonNull(origins, "origins");
      for (String origin : origins) {
        checkOrigin(origin);
      }
    }

    private static void checkOrigin(String origin) {
      URI uri;
      try {
        uri = new URI(Objects.requireNonNull(origin, "origin"));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not an origin: " + origin, e);
      }
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web
          || uri.getHost() == null
          || uri.getUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "an origin is http(s)://host[:port], without a path: " + origin);
      }
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    public OncellServer build() {
      return new HelidonServer(
          host,
          bindAddress,
          port,
          new ServerLimits(maxBodyBytes, headerTimeout, bodyTimeout, idleTimeout, maxConnections),
          lspSessions.map(
              sessions ->
                  new LspEndpoint(
                      sessions, maxLspMessageBytes, maxLspSocketsPerCustomer, lspAllowedOrigins)));
    }
  }
}
