package dev.oncell.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.Failure;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
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

  static void json(ServerResponse res, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
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
    if (kind == ErrorKind.UNAUTHORIZED) {
      res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", redact(message));
    json(res, kind.httpStatus(), body);
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
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put(
        "message",
        "the server failed on this request; the operator finds error id " + id + " in its log");
    error.put("errorId", id);
    json(res, ErrorKind.INTERNAL.httpStatus(), body);
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

  static ObjectNode health(Host host) {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", "ok");
    body.put("version", Version.VALUE);
    body.put("sandbox", host.sandboxBackend());
    return body;
  }

  static ObjectNode customer(CellInfo info) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", info.id());
    node.put("state", info.state().name());
    if (info.agent().isPresent()) {
      node.put("agent", info.agent().get());
    } else {
      node.putNull("agent");
    }
    node.put("env", info.env());
    node.set("config", info.config());
    node.put("setupRunId", info.setupRunId().orElse(null));
    node.set("error", info.error().map(Responses::error).orElse(NullNode.getInstance()));
    node.put("createdAt", info.createdAt().toString());
    node.put("lastActiveAt", info.lastActiveAt().toString());
    return node;
  }

  static JsonNode error(RunError error) {
    ObjectNode node = JSON.createObjectNode();
    node.put("code", error.code());
    node.put("message", error.message());
    return node;
  }

  static ObjectNode deployment(DeploymentInfo d) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", d.id());
    node.put("pluginId", d.pluginId());
    node.put("agent", d.agent());
    node.put("version", d.version());
    node.put("env", d.env());
    node.put("sha256", d.sha256());
    ArrayNode methods = node.putArray("methods");
    d.methods().forEach(methods::add);
    node.put("active", d.active());
    node.put("createdAt", d.createdAt().toString());
    node.put("sandbox", d.sandbox().orElse(null));
    return node;
  }

  /** The answer of a synchronous run call, the same object as a stream's last event. */
  static ObjectNode outcome(RunInfo run) {
    ObjectNode node = JSON.createObjectNode();
    node.put("runId", run.id());
    node.put("status", run.status().wire());
    node.set("result", run.result().orElse(NullNode.getInstance()));
    node.set("error", run.error().map(Responses::error).orElse(NullNode.getInstance()));
    return node;
  }

  static ObjectNode run(RunInfo run) {
    ObjectNode node = outcome(run);
    node.put("customer", run.customer());
    node.put("agent", run.agent());
    node.put("version", run.version());
    node.put("deploymentId", run.deploymentId());
    node.put("method", run.method());
    node.set("input", run.input());
    node.put("createdAt", run.createdAt().toString());
    node.put("finishedAt", run.finishedAt().map(Object::toString).orElse(null));
    return node;
  }
}
