package dev.oncell.forge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.forge.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One forge connection's requests: authorization, timeouts, retries, pages, error codes. */
final class ForgeHttp {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
  private static final int MAX_PAGES = 100;

  /** What a forge needs to say about its own answers. */
  interface Dialect {
    String name();

    void authorize(HttpRequest.Builder request, String token);

    /** Whether a 403 is a rate limit (GitHub's primary and secondary limits answer 403). */
    default boolean rateLimited(Response response) {
      return false;
    }

    /** The next page's URL when the answer has no {@code Link: rel="next"} (GitLab). */
    default Optional<URI> nextPage(URI current, Response response) {
      return Optional.empty();
    }
  }

  /** An answer: status, headers (names in lower case), body. */
  record Response(int status, java.net.http.HttpHeaders headers, String body) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    JsonNode json() {
      if (body.isBlank()) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new ForgeException(
            ForgeException.UNAVAILABLE, "the forge answered something that is not JSON", status, e);
      }
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final ForgeConnection connection;
  private final RetryPolicy policy;
  private final Dialect dialect;

  ForgeHttp(ForgeConnection connection, RetryPolicy policy, Dialect dialect) {
    this.connection = connection;
    this.policy = policy;
    this.dialect = dialect;
  }

  ForgeConnection connection() {
    return connection;
  }

  /** {@code path} below the API base, starting with {@code /}, query included. */
  URI uri(String path) {
    return URI.create(connection.apiBase() + path);
  }

  /** Sends and returns a 2xx answer's JSON, or throws the answer's code. */
  JsonNode json(String method, String path, Object body) {
    Response r = send(method, uri(path), body);
    if (!r.ok()) {
      throw failure(method, path, r);
    }
    return r.json();
  }

  /** Every item of every page, following {@code Link: rel="next"} inside the API base. */
  <T> List<T> pages(String path, Function<JsonNode, T> item) {
    List<T> all = new ArrayList<>();
    URI next = uri(path);
    for (int page = 1; ; page++) {
      Response r = send("GET", next, null);
      if (!r.ok()) {
        throw failure("GET", next.getRawPath(), r);
      }
      JsonNode items = r.json();
      if (!items.isArray()) {
        throw new ForgeException(
            ForgeException.UNAVAILABLE, dialect.name() + " answered a listing that is not a list");
      }
      items.forEach(n -> all.add(item.apply(n)));
      Optional<URI> following = linkNext(r).or(() -> dialect.nextPage(uri(path), r));
      if (following.isEmpty() || items.isEmpty()) {
        return all;
      }
      if (page >= MAX_PAGES) {
        throw new ForgeException(
            ForgeException.INVALID, "the listing has more than " + MAX_PAGES + " pages");
      }
      next = inside(following.get());
    }
  }

  private Optional<URI> linkNext(Response r) {
    for (String link : r.headers().allValues("link")) {
      Matcher m = NEXT.matcher(link);
      if (m.find()) {
        try {
          return Optional.of(URI.create(m.group(1)));
        } catch (IllegalArgumentException e) {
          throw new ForgeException(
              ForgeException.UNAVAILABLE, dialect.name() + " sent a next-page link that is no URL");
        }
      }
    }
    return Optional.empty();
  }

  /** The token goes to the API base only: a link elsewhere is refused, not followed. */
  private URI inside(URI link) {
    URI base = connection.apiBase();
    URI resolved = base.resolve(link);
    boolean same =
        base.getScheme().equalsIgnoreCase(String.valueOf(resolved.getScheme()))
            && base.getHost().equalsIgnoreCase(String.valueOf(resolved.getHost()))
            && port(base) == port(resolved)
            && String.valueOf(resolved.getRawPath()).startsWith(base.getRawPath());
    if (!same) {
      throw new ForgeException(
          ForgeException.INVALID,
          dialect.name() + "'s next-page link leaves the API base; it was not followed");
    }
    return resolved;
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /**
   * Sends with retries: a 5xx, 429, rate-limit 403, timeout or dropped connection is tried again
   * (at most the policy's attempts); the last such answer becomes {@code forge_unavailable} or
   * {@code forge_rate_limited}. Any other answer is returned as it is.
   */
  Response send(String method, URI uri, Object body) {
    String bodyText;
    try {
      bodyText = body == null ? null : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new ForgeException(ForgeException.INVALID, "the request cannot be written as JSON");
    }
    String where = method + " " + uri.getRawPath();
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      ForgeException last;
      try {
        Response r = once(method, uri, bodyText);
        boolean limited = r.status() == 429 || (r.status() == 403 && dialect.rateLimited(r));
        if (!limited && r.status() < 500) {
          return r;
        }
        Optional<Duration> asked = retryAfter(r);
        if (asked.isPresent() && asked.get().compareTo(policy.maxWait()) > 0) {
          throw new ForgeException(
              limited ? ForgeException.RATE_LIMITED : ForgeException.UNAVAILABLE,
              dialect.name()
                  + " asks to wait "
                  + asked.get().toSeconds()
                  + " s before retrying "
                  + where
                  + ", longer than the retry policy allows",
              r.status(),
              null);
        }
        wait = asked.orElse(policy.backoff(attempt));
        last =
            new ForgeException(
                limited ? ForgeException.RATE_LIMITED : ForgeException.UNAVAILABLE,
                dialect.name()
                    + " answered "
                    + r.status()
                    + " to "
                    + where
                    + " "
                    + attempt
                    + " times"
                    + detail(r),
                r.status(),
                null);
      } catch (IOException e) {
        wait = policy.backoff(attempt);
        last =
            new ForgeException(
                ForgeException.UNAVAILABLE,
                dialect.name()
                    + " did not answer "
                    + where
                    + " ("
                    + e.getClass().getSimpleName()
                    + ") "
                    + attempt
                    + " times",
                0,
                null);
      }
      if (attempt >= policy.maxAttempts()) {
        throw last;
      }
      try {
        policy.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ForgeException(ForgeException.UNAVAILABLE, "interrupted while waiting to retry");
      }
    }
  }

  private Response once(String method, URI uri, String body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(connection.requestTimeout())
            .header("Accept", "application/json")
            .header("User-Agent", "oncell-forge");
    dialect.authorize(b, connection.token());
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpClient client = connection.httpClient();
    try {
      HttpResponse<String> r =
          client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers(), r.body() == null ? "" : r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeException(ForgeException.UNAVAILABLE, "interrupted while calling the forge");
    }
  }

  private Optional<Duration> retryAfter(Response r) {
    Optional<String> value = r.header("retry-after");
    if (value.isPresent()) {
      String v = value.get().strip();
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
      } catch (NumberFormatException e) {
        try {
          Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          Duration d = Duration.between(policy.clock().instant(), at);
          return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException ignored) {
          return Optional.empty();
        }
      }
    }
    if ("0".equals(r.header("x-ratelimit-remaining").orElse(""))) {
      try {
        long reset = Long.parseLong(r.header("x-ratelimit-reset").orElse("").strip());
        Duration d = Duration.between(policy.clock().instant(), Instant.ofEpochSecond(reset));
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The code for a non-2xx answer that is not retried. */
  ForgeException failure(String method, String path, Response r) {
    String code =
        switch (r.status()) {
          case 401 -> ForgeException.AUTH_FAILED;
          case 403 -> ForgeException.FORBIDDEN;
          case 404, 410 -> ForgeException.NOT_FOUND;
          case 429 -> ForgeException.RATE_LIMITED;
          default -> r.status() >= 500 ? ForgeException.UNAVAILABLE : ForgeException.INVALID;
        };
    String words =
        switch (code) {
          case ForgeException.AUTH_FAILED -> " (the token was refused)";
          case ForgeException.FORBIDDEN -> " (the token lacks a permission)";
          default -> detail(r);
        };
    return new ForgeException(
        code,
        dialect.name() + " answered " + r.status() + " to " + method + " " + path + words,
        r.status(),
        null);
  }

  /** The forge's own words about a failure, short and without the token. */
  String detail(Response r) {
    String text;
    try {
      JsonNode n = JSON.readTree(r.body());
      text = message(n);
    } catch (IOException | RuntimeException e) {
      text = "";
    }
    if (text.isBlank()) {
      return "";
    }
    String token = connection.token();
    text = text.replace(token, "***").replaceAll("[\\r\\n\\t]+", " ");
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...";
    }
    return ": " + text;
  }

  /**
   * GitHub's {@code message} and {@code errors[].message}, GitLab's and Gitea's {@code message}.
   */
  static String message(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    JsonNode m = n.has("message") ? n.get("message") : n.path("error");
    if (m.isTextual()) {
      out.append(m.asText());
    } else if (m.isArray()) {
      m.forEach(x -> out.append(out.isEmpty() ? "" : "; ").append(x.asText()));
    } else if (m.isObject()) {
      out.append(m.toString());
    }
    n.path("errors")
        .forEach(
            e -> {
              String s = e.isTextual() ? e.asText() : e.path("message").asText("");
              if (!s.isBlank()) {
                out.append(out.isEmpty() ? "" : "; ").append(s);
              }
            });
    return out.toString();
  }
}
