package dev.oncell.server;

import dev.oncell.runtime.Host;
import dev.oncell.server.internal.HelidonServer;
import java.util.Objects;

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

  /** Server settings with sane defaults: 127.0.0.1, port 8080, 16 MiB request bodies. */
  final class Builder {
    private final Host host;
    private String bindAddress = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = 16L << 20;

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

    public OncellServer build() {
      return new HelidonServer(host, bindAddress, port, maxBodyBytes);
    }
  }
}
