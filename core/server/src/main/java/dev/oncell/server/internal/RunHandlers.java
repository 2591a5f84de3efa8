package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStep;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** {@code /v1/runs}: a run's record, a customer's runs, and a run's events (resumable SSE). */
final class RunHandlers {

  private static final io.helidon.http.HeaderName LAST_EVENT_ID =
      HeaderNames.create("Last-Event-ID");

  private final Host host;

  RunHandlers(Host host) {
    this.host = host;
  }

  void get(ServerRequest req, ServerResponse res) {
    Responses.json(res, 200, Responses.run(run(req)));
  }

  void list(ServerRequest req, ServerResponse res) {
    String customer =
        req.query()
            .first("customer")
            .orElseThrow(() -> ApiException.badRequest("invalid_request", "add ?customer=<id>"));
    Access.check(req, customer);
    ObjectNode body = Responses.JSON.createObjectNode();
    ArrayNode runs = body.putArray("runs");
    host.runs().list(customer).forEach(r -> runs.add(Responses.run(r)));
    Responses.json(res, 200, body);
  }

  void events(ServerRequest req, ServerResponse res) {
    RunInfo run = run(req);
    Optional<String> resume =
        req.headers().first(LAST_EVENT_ID).or(() -> req.query().first("after").asOptional());
    long after = 0;
    if (resume.isPresent()) {
      try {
        after = Long.parseLong(resume.get().strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "invalid_request", "Last-Event-ID must be an event number, not '" + resume.get() + "'");
      }
    }
    EventStream.send(res, host.runs(), run.id(), Math.max(0, after));
  }

  void cancel(ServerRequest req, ServerResponse res) {
    RunInfo run = run(req);
    Responses.json(res, 200, Responses.run(host.runs().cancel(run.id())));
  }

  void journal(ServerRequest req, ServerResponse res) {
    RunInfo run = run(req);
    ObjectNode body = Responses.JSON.createObjectNode();
    body.put("runId", run.id());
    ArrayNode steps = body.putArray("steps");
    for (RunStep step : host.runs().journal(run.id())) {
      ObjectNode node = steps.addObject();
      node.put("seq", step.seq());
      node.put("kind", step.kind());
      node.put("name", step.name());
      node.put("requestHash", step.requestHash());
      node.put("status", step.status());
      step.result().ifPresent(r -> node.set("result", r));
      step.error().ifPresent(e -> node.set("error", Responses.error(e)));
      node.put("at", step.at().toString());
    }
    Responses.json(res, 200, body);
  }

  private RunInfo run(ServerRequest req) {
    String id = req.path().pathParameters().get("id");
    RunInfo run =
        host.runs()
            .find(id)
            .orElseThrow(() -> CellException.notFound("not_found", "no run '" + id + "'"));
    Access.check(req, run.customer());
    return run;
  }
}
