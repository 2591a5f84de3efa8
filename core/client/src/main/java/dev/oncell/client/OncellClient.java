package dev.oncell.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for one oncell server. Thread-safe; create one per server and share it.
 *
 * <pre>{@code
 * try (OncellClient client = OncellClient.create(URI.create("http://127.0.0.1:8080"), key)) {
 *   client.customers().create("acme");
 *   ShellResponse r = client.shell("acme", ShellRequest.of("ls -la"));
 *   client.files("acme").write("notes/todo.md", bytes);
 *   client.memory("acme").put("plan", planJson);
 *   client.deployments().deploy(jarBytes, "production");
 *   RunResult r = client.agents().call("analyze", "acme", inputJson);
 * }
 * }</pre>
 *
 * <p>Every method throws the unchecked {@link OncellApiException} on failure.
 */
public interface OncellClient extends AutoCloseable {

  /** A client for the server at {@code baseUrl} authenticating with {@code apiKey}. */
  static OncellClient create(URI baseUrl, String apiKey) {
    return builder().url(baseUrl).apiKey(apiKey).build();
  }

  /** A builder for clients with non-default settings. */
  static Builder builder() {
    return new Builder();
  }

  /** The server's base URL, as given. */
  URI baseUrl();

  /** {@code GET /health}. */
  Health health();

  /** Customer management. */
  Customers customers();

  /** Runs one shell command in a customer's cell and waits for it to finish. */
  ShellResponse shell(String customerId, ShellRequest request);

  /** Runs {@code command} in a customer's cell with the server's default options. */
  default ShellResponse shell(String customerId, String command) {
    return shell(customerId, ShellRequest.of(command));
  }

  /** The files of a customer's cell. Cheap: no request is made until a method is called. */
  CustomerFiles files(String customerId);

  /** The memory of a customer. Cheap: no request is made until a method is called. */
  CustomerMemory memory(String customerId);

  /** The code search of a customer's cell. Cheap: no request is made until a method is called. */
  CustomerSearch search(String customerId);

  /** Agent plugins and their environments. */
  Deployments deployments();

  /** Calls of agent methods (runs), waiting for the result or streaming events. */
  Agents agents();

  /** Runs: their state, history and events. */
  Runs runs();

  /** The operator's secrets. Cheap: no request is made until a method is called. */
  Secrets secrets();

  /**
   * Customers' git credentials, held by the server. Operator keys only. Cheap: no request is made
   * until a method is called.
   */
  GitCredentials gitCredentials();

  /** API keys: list, create, revoke, rotate the bootstrap key. Operator keys only. */
  Keys keys();

  /** Customers' forge webhook settings. Operator keys only. Cheap: no request until a call. */
  Webhooks webhooks();

  /** Releases the underlying HTTP client. */
  @Override
  void close();

  /** Settings of a client; {@link #url} and {@link #apiKey} are required. */
  final class Builder {

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private Optional<URI> url = Optional.empty();
    private Optional<String> apiKey = Optional.empty();
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder() {}

    /** The server's base URL, for example {@code http://127.0.0.1:8080}. */
    public Builder url(URI value) {
      Objects.requireNonNull(value, "url");
      String scheme = Optional.ofNullable(value.getScheme()).orElse("");
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("url must be http or https: " + value);
      }
      if (value.getHost() == null) {
        throw new IllegalArgumentException("url has no host: " + value);
      }
      if (value.getRawQuery() != null || value.getRawFragment() != null) {
        throw new IllegalArgumentException("url must not have a query or fragment: " + value);
      }
      this.url = Optional.of(value);
      return this;
    }

    /** The API key sent as {@code Authorization: Bearer <key>}. */
    public Builder apiKey(String value) {
      Objects.requireNonNull(value, "apiKey");
      if (value.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKey = Optional.of(value.strip());
      return this;
    }

    /**
     * How long to wait for a response (default 60 seconds). A shell command with a longer timeout
     * of its own gets that timeout plus a margin instead. Agent calls, event streams and creating a
     * customer that waits for its setup have no time limit.
     */
    public Builder requestTimeout(Duration value) {
      Objects.requireNonNull(value, "requestTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive: " + value);
      }
      this.requestTimeout = value;
      return this;
    }

    /** A new client with these settings. */
    public OncellClient build() {
      return new HttpOncellClient(
          url.orElseThrow(() -> new IllegalStateException("url is required")),
          apiKey.orElseThrow(() -> new IllegalStateException("apiKey is required")),
          requestTimeout);
    }
  }
}
