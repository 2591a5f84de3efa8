package dev.oncell.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writing JSON answers and errors, in the one shape every client relies on. */
final class Responses {

  /** Strict: trailing garbage after a JSON value ({@code 1 2}) is malformed, not ignored. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Logger LOG = Logger.getLogger(Responses.class.getName());

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

  static void error(ServerResponse res, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (status == 401) {
      res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    json(res, status, body);
  }

  static void cellError(ServerResponse res, CellException e) {
    int status =
        switch (e.kind()) {
          case INVALID -> 400;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case UNAVAILABLE -> 503;
          case STORAGE_FULL -> 507; // Insufficient Storage (RFC 4918): retry once space is freed
          case INTERNAL -> 500;
        };
    if (status == 500) {
      LOG.log(Level.SEVERE, "internal failure", e);
    }
    error(res, status, e.code(), e.getMessage());
  }

  static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
    LOG.log(
        Level.SEVERE,
        "unexpected failure on " + req.prologue().method().text() + " " + req.path().path(),
        e);
    error(res, 500, "internal", "the server failed on this request; see the server log");
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
