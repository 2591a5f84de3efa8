package dev.oncell.client;

import static dev.oncell.client.WireFormat.apiError;
import static dev.oncell.client.WireFormat.array;
import static dev.oncell.client.WireFormat.instant;
import static dev.oncell.client.WireFormat.optionalText;
import static dev.oncell.client.WireFormat.requireObject;
import static dev.oncell.client.WireFormat.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON wire format of deployments, runs and run events, both directions. */
final class RunWireFormat {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RunWireFormat() {}

  // ---- responses

  static Deployment deployment(JsonNode node) {
    requireObject(node, "deployment");
    List<String> methods = new ArrayList<>();
    for (JsonNode method : array(node, "methods")) {
      methods.add(method.asText());
    }
    return new Deployment(
        text(node, "id"),
        text(node, "agent"),
        text(node, "version"),
        text(node, "env"),
        text(node, "sha256"),
        methods,
        node.path("active").asBoolean(false),
        instant(node, "createdAt"),
        optionalText(node, "sandbox"),
        optionalText(node, "backend"));
  }

  static List<Deployment> deployments(JsonNode node) {
    return deploymentList(node, "deployments");
  }

  static List<Deployment> promoted(JsonNode node) {
    return deploymentList(node, "promoted");
  }

  static RunResult runResult(JsonNode node) {
    requireObject(node, "run result");
    return new RunResult(
        text(node, "runId"),
        text(node, "status"),
        present(node, "result"),
        apiError(node, "error"));
  }

  static Run run(JsonNode node) {
    requireObject(node, "run");
    JsonNode input = node.path("input");
    return new Run(
        text(node, "runId"),
        text(node, "customer"),
        text(node, "agent"),
        text(node, "version"),
        text(node, "method"),
        text(node, "status"),
        input.isMissingNode() ? NODES.nullNode() : input,
        present(node, "result"),
        apiError(node, "error"),
        instant(node, "createdAt"),
        node.hasNonNull("finishedAt")
            ? Optional.of(instant(node, "finishedAt"))
            : Optional.empty());
  }

  static List<Run> runs(JsonNode node) {
    List<Run> out = new ArrayList<>();
    for (JsonNode item : array(node, "runs")) {
      out.add(run(item));
    }
    return out;
  }

  // ---- requests

  static ObjectNode callRequest(String customer, JsonNode input) {
    ObjectNode node = NODES.objectNode().put("customer", customer);
    node.set("input", input);
    return node;
  }

  static ObjectNode promoteRequest(String from, String to, Optional<String> agent) {
    ObjectNode node = NODES.objectNode().put("from", from).put("to", to);
    agent.ifPresent(a -> node.put("agent", a));
    return node;
  }

  // ---- records back to the wire format (for printing)

  static ObjectNode toJson(Deployment deployment) {
    ObjectNode node =
        NODES
            .objectNode()
            .put("id", deployment.id())
            .put("agent", deployment.agent())
            .put("version", deployment.version())
            .put("env", deployment.env())
            .put("sha256", deployment.sha256());
    ArrayNode methods = node.putArray("methods");
    deployment.methods().forEach(methods::add);
    node.put("active", deployment.active()).put("createdAt", deployment.createdAt().toString());
    deployment.sandbox().ifPresent(s -> node.put("sandbox", s));
    deployment.backend().ifPresent(b -> node.put("backend", b));
    return node;
  }

  static ObjectNode toJson(RunResult result) {
    ObjectNode node =
        NODES.objectNode().put("runId", result.runId()).put("status", result.status());
    node.set("result", result.result().<JsonNode>map(JsonNode::deepCopy).orElse(NODES.nullNode()));
    node.set("error", errorJson(result.error()));
    return node;
  }

  static ObjectNode toJson(Run run) {
    ObjectNode node =
        NODES
            .objectNode()
            .put("runId", run.runId())
            .put("customer", run.customer())
            .put("agent", run.agent())
            .put("version", run.version())
            .put("method", run.method())
            .put("status", run.status());
    node.set("input", run.input().deepCopy());
    node.set("result", run.result().<JsonNode>map(JsonNode::deepCopy).orElse(NODES.nullNode()));
    node.set("error", errorJson(run.error()));
    node.put("createdAt", run.createdAt().toString());
    run.finishedAt()
        .map(Instant::toString)
        .ifPresentOrElse(f -> node.put("finishedAt", f), () -> node.putNull("finishedAt"));
    return node;
  }

  static ObjectNode toJson(RunEvent event) {
    ObjectNode node = NODES.objectNode().put("id", event.id()).put("type", event.type());
    node.set("data", event.data().deepCopy());
    return node;
  }

  // ---- helpers

  private static List<Deployment> deploymentList(JsonNode node, String field) {
    List<Deployment> out = new ArrayList<>();
    for (JsonNode item : array(node, field)) {
      out.add(deployment(item));
    }
    return out;
  }

  /** A field's value; empty when it is absent or JSON {@code null}. */
  private static Optional<JsonNode> present(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private static JsonNode errorJson(Optional<ApiError> error) {
    return error.<JsonNode>map(ApiError::toJson).orElse(NODES.nullNode());
  }
}
