package dev.oncell.client;

import static dev.oncell.client.WireFormat.apiError;
import static dev.oncell.client.WireFormat.instant;
import static dev.oncell.client.WireFormat.optionalInstant;
import static dev.oncell.client.WireFormat.present;
import static dev.oncell.client.WireFormat.read;
import static dev.oncell.client.WireFormat.requireObject;
import static dev.oncell.client.WireFormat.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.AgentCallJson;
import dev.oncell.client.wire.DeploymentJson;
import dev.oncell.client.wire.DeploymentsJson;
import dev.oncell.client.wire.PromoteJson;
import dev.oncell.client.wire.PromotedJson;
import dev.oncell.client.wire.RunJson;
import dev.oncell.client.wire.RunOutcomeJson;
import dev.oncell.client.wire.RunsJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON wire format of deployments, runs and run events: responses read as the records of {@code
 * dev.oncell.client.wire}; requests and printing.
 */
final class RunWireFormat {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RunWireFormat() {}

  // ---- responses: each read as its record of dev.oncell.client.wire, then made a client record

  static Deployment deployment(JsonNode node) {
    requireObject(node, "deployment");
    return deployment(read(node, DeploymentJson.class));
  }

  private static Deployment deployment(DeploymentJson d) {
    List<String> methods = new ArrayList<>();
    for (String method : required(d.methods(), "methods")) {
      methods.add(required(method, "methods[]"));
    }
    return new Deployment(
        required(d.id(), "id"),
        required(d.agent(), "agent"),
        required(d.version(), "version"),
        required(d.env(), "env"),
        required(d.sha256(), "sha256"),
        methods,
        d.active(),
        instant(d.createdAt(), "createdAt"),
        Optional.ofNullable(d.sandbox()),
        Optional.ofNullable(d.backend()));
  }

  static List<Deployment> deployments(JsonNode node) {
    requireObject(node, "deployments");
    return deploymentList(read(node, DeploymentsJson.class).deployments(), "deployments");
  }

  static List<Deployment> promoted(JsonNode node) {
    requireObject(node, "promoted");
    return deploymentList(read(node, PromotedJson.class).promoted(), "promoted");
  }

  static RunResult runResult(JsonNode node) {
    requireObject(node, "run result");
    RunOutcomeJson r = read(node, RunOutcomeJson.class);
    return new RunResult(
        required(r.runId(), "runId"),
        required(r.status(), "status"),
        present(r.result()),
        apiError(r.error()));
  }

  static Run run(JsonNode node) {
    requireObject(node, "run");
    return run(read(node, RunJson.class));
  }

  private static Run run(RunJson r) {
    RunOutcomeJson outcome = required(r.outcome(), "runId");
    return new Run(
        required(outcome.runId(), "runId"),
        required(r.customer(), "customer"),
        required(r.agent(), "agent"),
        required(r.version(), "version"),
        required(r.method(), "method"),
        required(outcome.status(), "status"),
        r.input() == null ? NODES.nullNode() : r.input(),
        present(outcome.result()),
        apiError(outcome.error()),
        instant(r.createdAt(), "createdAt"),
        optionalInstant(r.finishedAt(), "finishedAt"));
  }

  static List<Run> runs(JsonNode node) {
    requireObject(node, "runs");
    List<Run> out = new ArrayList<>();
    for (RunJson item : required(read(node, RunsJson.class).runs(), "runs")) {
      out.add(run(required(item, "runs[]")));
    }
    return out;
  }

  // ---- requests

  static ObjectNode callRequest(String customer, JsonNode input) {
    return WireFormat.MAPPER.valueToTree(
        new AgentCallJson(customer, input == null ? NODES.nullNode() : input));
  }

  static ObjectNode promoteRequest(String from, String to, Optional<String> agent) {
    return WireFormat.MAPPER.valueToTree(new PromoteJson(from, to, agent.orElse(null)));
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
    return WireFormat.MAPPER.valueToTree(
        new RunOutcomeJson(
            result.runId(),
            result.status(),
            result.result().<JsonNode>map(JsonNode::deepCopy).orElse(NODES.nullNode()),
            result.error().map(WireFormat::errorDetail).orElse(null)));
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

  private static List<Deployment> deploymentList(List<DeploymentJson> items, String field) {
    List<Deployment> out = new ArrayList<>();
    for (DeploymentJson item : required(items, field)) {
      out.add(deployment(required(item, field + "[]")));
    }
    return out;
  }

  private static JsonNode errorJson(Optional<ApiError> error) {
    return error.<JsonNode>map(ApiError::toJson).orElse(NODES.nullNode());
  }
}
