package dev.oncell.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.llm.LlmException;
import dev.oncell.llm.ProviderConfig;
import dev.oncell.llm.Route;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Turns what LangChain4j and the JDK throw into {@link LlmException}s with stable codes. */
final class Failures {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DETAIL = 400;

  private Failures() {}

  /** A failure and, for a 429 or 503, the pause the provider asked for. */
  record Mapped(LlmException exception, Optional<Duration> retryAfter) {}

  static Mapped map(
      Throwable thrown,
      Route route,
      ProviderConfig provider,
      Duration timeout,
      Collection<String> secrets) {
    if (thrown instanceof LlmException e) {
      return new Mapped(e, Optional.empty());
    }
    String who = "provider '" + route.provider() + "'";
    Optional<ProviderHttpException> http = find(thrown, ProviderHttpException.class);
    if (http.isPresent()) {
      ProviderHttpException h = http.get();
      int status = h.statusCode();
      String detail = Redactor.scrub(detail(h.body()), secrets);
      String suffix = detail.isEmpty() ? "" : ": " + detail;
      LlmException e;
      if (status == 401 || status == 403) {
        // The provider's words are left out: some echo part of the key back.
        e =
            LlmException.terminal(
                LlmException.AUTH_FAILED,
                who
                    + " rejected the API key (HTTP "
                    + status
                    + ")"
                    + provider
                        .apiKey()
                        .flatMap(k -> k.variable())
                        .map(v -> "; check $" + v + " (oncell secrets set " + v + "=...)")
                        .orElse("; check llm.providers." + route.provider() + ".api_key"));
      } else if (status == 404 || (status == 400 && mentionsUnknownModel(detail))) {
        e =
            LlmException.terminal(
                LlmException.UNKNOWN_MODEL,
                who
                    + " does not know model '"
                    + route.model()
                    + "' (HTTP "
                    + status
                    + suffix
                    + ")");
      } else if (status == 429) {
        e =
            new LlmException(
                LlmException.RATE_LIMITED,
                who + " is rate limiting requests (HTTP 429" + suffix + ")",
                true);
      } else if (status == 408 || status >= 500) {
        e =
            new LlmException(
                LlmException.UNAVAILABLE, who + " failed (HTTP " + status + suffix + ")", true);
      } else {
        e =
            LlmException.terminal(
                LlmException.BAD_REQUEST,
                who + " refused the request (HTTP " + status + suffix + ")");
      }
      return new Mapped(e, h.retryAfter());
    }
    if (find(thrown, HttpConnectTimeoutException.class).isPresent()
        || find(thrown, ConnectException.class).isPresent()
        || find(thrown, UnresolvedAddressException.class).isPresent()
        || find(thrown, java.net.UnknownHostException.class).isPresent()) {
      return new Mapped(
          new LlmException(
              LlmException.UNAVAILABLE,
              "cannot reach "
                  + who
                  + " at "
                  + provider.effectiveBaseUrl()
                  + ": "
                  + rootMessage(thrown, secrets),
              true),
          Optional.empty());
    }
    if (find(thrown, HttpTimeoutException.class).isPresent()
        || find(thrown, dev.langchain4j.exception.TimeoutException.class).isPresent()) {
      return new Mapped(timeout(route, Optional.of(timeout)), Optional.empty());
    }
    if (find(thrown, InterruptedIOException.class).isPresent()) {
      return new Mapped(
          new LlmException(
              LlmException.UNAVAILABLE, "the request to " + who + " was interrupted", true),
          Optional.empty());
    }
    return new Mapped(
        LlmException.terminal(
            LlmException.FAILED, who + " failed: " + rootMessage(thrown, secrets)),
        Optional.empty());
  }

  static LlmException timeout(Route route, Optional<Duration> after) {
    return LlmException.terminal(
        LlmException.TIMEOUT,
        "provider '"
            + route.provider()
            + "' did not answer"
            + after.map(d -> " within " + human(d)).orElse(" in time")
            + " (model "
            + route.model()
            + "; llm.timeout sets the limit)");
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static boolean mentionsUnknownModel(String detail) {
    String d = detail.toLowerCase(Locale.ROOT);
    return d.contains("model")
        && (d.contains("not found") || d.contains("does not exist") || d.contains("unknown"));
  }

  /** The provider's own message from an error body: OpenAI, Anthropic and Ollama shapes. */
  static String detail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text;
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode error = node.path("error");
      if (error.isTextual()) {
        text = error.asText();
      } else if (error.path("message").isTextual()) {
        text = error.get("message").asText();
      } else if (node.path("message").isTextual()) {
        text = node.get("message").asText();
      } else {
        text = body;
      }
    } catch (java.io.IOException | RuntimeException e) {
      text = body;
    }
    text = text.strip().replaceAll("\\s+", " ");
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
  }

  private static String rootMessage(Throwable t, Collection<String> secrets) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return Redactor.scrub(message, secrets);
  }

  static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return Optional.of(type.cast(c));
      }
    }
    return Optional.empty();
  }
}
