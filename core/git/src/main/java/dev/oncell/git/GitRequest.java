package dev.oncell.git;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to a {@link GitRelay}, from whatever server received it.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the request's path; only its ending matters ({@code /info/refs}, {@code
 *     /git-upload-pack}, {@code /git-receive-pack}), so the server may mount the relay under any
 *     prefix
 * @param query the raw query string, {@code ""} when there is none
 * @param headers the request's headers (names in any case)
 * @param body the request's body (empty for GET); the relay reads it, the caller closes it
 */
public record GitRequest(
    String method, String path, String query, Map<String, List<String>> headers, InputStream body) {

  public GitRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(body, "body");
  }

  /** The first value of header {@code name}, compared case-insensitively. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** The value of query parameter {@code name} (not decoded: git's parameters need no decoding). */
  public Optional<String> queryParameter(String name) {
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equals(name)) {
        return Optional.of(part.substring(eq + 1));
      }
    }
    return Optional.empty();
  }
}
