package dev.oncell.agent.forge;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the host hands a {@link Forge} for one repository: the forge's API base, the repository, the
 * customer's token and the HTTP client to send with (routed through the cell's egress by the host).
 * A forge sends the token to the API base only, never follows a redirect with it, and gives every
 * request {@link #requestTimeout()}.
 *
 * <p>{@link #toString()} never shows the token.
 */
public final class ForgeConnection {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final URI apiBase;
  private final ForgeRepo repo;
  private final String token;
  private final HttpClient httpClient;
  private final Duration requestTimeout;

  private ForgeConnection(Builder b) {
    this.apiBase = b.apiBase;
    this.repo = b.repo;
    this.token = b.token;
    this.requestTimeout = b.requestTimeout;
    this.httpClient =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .proxy(b.proxy != null ? b.proxy : HttpClient.Builder.NO_PROXY)
                .connectTimeout(b.requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
  }

  /**
   * Starts a connection. {@code apiBase} is the API's root: {@code https://api.github.com}, {@code
   * https://ghe.example/api/v3}, {@code https://gitlab.example/api/v4}, {@code
   * https://gitea.example/api/v1}. It must be {@code http} or {@code https} with a host and no user
   * name, query or fragment, and the token must be one line; otherwise {@code forge_invalid}.
   */
  public static Builder builder(URI apiBase, ForgeRepo repo, String token) {
    return new Builder(apiBase, repo, token);
  }

  /** The API's root, without a trailing slash. */
  public URI apiBase() {
    return apiBase;
  }

  public ForgeRepo repo() {
    return repo;
  }

  /** The customer's token: for the forge's authorization header only. */
  public String token() {
    return token;
  }

  public HttpClient httpClient() {
    return httpClient;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "ForgeConnection[" + apiBase + ", " + repo + ", token=***]";
  }

  /** Builds a {@link ForgeConnection}. */
  public static final class Builder {
    private final URI apiBase;
    private final ForgeRepo repo;
    private final String token;
    private HttpClient httpClient;
    private ProxySelector proxy;
    private Duration requestTimeout = DEFAULT_TIMEOUT;

    private Builder(URI apiBase, ForgeRepo repo, String token) {
      Objects.requireNonNull(apiBase, "apiBase");
      this.repo = Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(token, "token");
      this.apiBase = checkBase(apiBase);
      if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
        throw new ForgeException(
            ForgeException.INVALID, "the forge token is empty or holds spaces or control bytes");
      }
      this.token = token;
    }

    /**
     * The client to send with (the host's, routed through the cell's egress). It must not follow
     * redirects (the token would follow them): one that does is {@code forge_invalid}. Without one,
     * {@link #build()} makes a client of its own that never follows redirects, through {@link
     * #proxy} if given.
     */
    public Builder httpClient(HttpClient client) {
      Objects.requireNonNull(client, "client");
      if (client.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new ForgeException(
            ForgeException.INVALID,
            "the forge's HTTP client must not follow redirects: the token would go with them");
      }
      this.httpClient = client;
      return this;
    }

    /** The proxy for a client {@link #build()} makes (ignored with {@link #httpClient}). */
    public Builder proxy(ProxySelector selector) {
      this.proxy = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** The time each request may take, 30 seconds unless set; positive. */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new ForgeException(ForgeException.INVALID, "the request timeout must be positive");
      }
      this.requestTimeout = timeout;
      return this;
    }

    public ForgeConnection build() {
      return new ForgeConnection(this);
    }

    private static URI checkBase(URI base) {
      String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw badBase("must be an http or https URL");
      }
      if (base.getHost() == null || base.isOpaque()) {
        throw badBase("names no host");
      }
      if (base.getRawUserInfo() != null) {
        throw badBase("must not hold a user name or password");
      }
      if (base.getRawQuery() != null || base.getRawFragment() != null) {
        throw badBase("must not have a query or fragment");
      }
      String s = base.toString();
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return URI.create(s);
    }

    private static ForgeException badBase(String why) {
      return new ForgeException(ForgeException.INVALID, "the forge's API base URL " + why);
    }
  }
}
