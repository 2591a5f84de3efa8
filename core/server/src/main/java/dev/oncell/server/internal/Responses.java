package dev.oncell.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import dev.oncell.client.wire.ErrorDetail;
import dev.oncell.client.wire.ErrorJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Writing JSON answers and errors, in the one shape every client relies on. */
final class Responses {

  /** Strict: trailing garbage after a JSON value ({@code 1 2}) is malformed, not ignored. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Logger LOG = Logger.getLogger(Responses.class.getName());

  private static final String HIDDEN = "<host path>";
  private static final Set<String> HIDDEN_ROOTS = ConcurrentHashMap.newKeySet();

  /** An absolute path under a host system folder, not inside a word or a longer path. */
  private static final Pattern HOST_PATH =
      Pattern.compile(
          "(?<![\\w/.~-])/(?:tmp|var|home|root|proc|sys|dev|usr|etc|opt|run|srv|mnt|media|boot"
              + "|lib|lib32|lib64|bin|sbin|nix|snap)/[^\\s'\"]*");

  private Responses() {}

  /** {@code body}, a record of {@code dev.oncell.client.wire} (or a JSON tree), as the answer. */
  static void json(ServerResponse res, int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a wire record always serializes", e);
    }
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(bytes);
  }

  static void noContent(ServerResponse res) {
    res.status(204);
    res.send();
  }

  /**
   * The {@code {"error": {"code", "message"}}} answer, with the status of {@code kind} (the one
   * table, {@link ErrorKind#httpStatus()}); a 503 says when to retry, a 500 hides its message.
   */
  static void error(ServerResponse res, ErrorKind kind, String code, String message) {
    error(res, kind, code, message, null);
  }

  /** A {@link Failure} of any module (runtime, HTTP layer): its kind, code and message. */
  static <F extends RuntimeException & Failure> void failure(ServerResponse res, F e) {
    error(res, e.kind(), e.code(), e.getMessage(), e);
  }

  private static void error(
      ServerResponse res, ErrorKind kind, String code, String message, Throwable cause) {
    if (kind == ErrorKind.INTERNAL) {
      internal(res, code, "internal failure", cause);
      return;
    }
    if (kind == ErrorKind.UNAVAILABLE) {
      res.header(HeaderNames.RETRY_AFTER, "1"); // busy, search_timeout...: try again later
    }
    if (kind == ErrorKind.UNAUTHORIZED && !res.headers().contains(HeaderNames.WWW_AUTHENTICATE)) {
      res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer"); // unless a route asked for another
    }
    json(res, kind.httpStatus(), new ErrorJson(ErrorDetail.of(code, redact(message))));
  }

  static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
    internal(
        res,
        "internal",
        "unexpected failure on " + req.prologue().method().text() + " " + req.path().path(),
        e);
  }

  /**
   * A 500 whose cause is logged under a fresh error id; the client gets the id, never the cause's
   * message, which may name host paths or internals.
   */
  private static void internal(ServerResponse res, String code, String what, Throwable e) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, what + " (error id " + id + ")", e);
    json(
        res,
        ErrorKind.INTERNAL.httpStatus(),
        new ErrorJson(
            new ErrorDetail(
                code,
                "the server failed on this request; the operator finds error id "
                    + id
                    + " in its log",
                id)));
  }

  /** An {@link ApiException}; a client that went away costs one log line and no stack trace. */
  static void apiError(ServerRequest req, ServerResponse res, ApiException e) {
    if (!e.clientGone()) {
      failure(res, e);
      return;
    }
    LOG.info(
        () -> req.prologue().method().text() + " " + req.path().path() + ": " + e.getMessage());
    try {
      res.header(HeaderNames.CONNECTION, "close");
      failure(res, e);
    } catch (RuntimeException ignored) {
      // The socket is gone too.
    }
  }

  /** Folders of this host (ONCELL_HOME) that error messages must never show. */
  static void hidePaths(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    HIDDEN_ROOTS.add(absolute.toString());
    try {
      HIDDEN_ROOTS.add(absolute.toRealPath().toString());
    } catch (IOException e) {
      // not there yet: the absolute form is enough
    }
  }

  /** The message with host paths replaced, so that a client never learns the host's layout. */
  static String redact(String message) {
    if (message == null) {
      return "";
    }
    String out = message;
    for (String root : HIDDEN_ROOTS) {
      if (root.length() > 1) {
        out = out.replace(root, HIDDEN);
      }
    }
    return HOST_PATH.matcher(out).replaceAll(HIDDEN);
  }
}
