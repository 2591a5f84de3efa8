package dev.oncell.server.internal;

import dev.oncell.client.wire.JournalJson;
import dev.oncell.client.wire.RunsJson;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunInfo;
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
    Responses.json(res, 200, Wire.run(run(req)));
  }

  void list(ServerRequest req, ServerResponse res) {
    String customer =
        req.query()
            .first("customer")
            .orElseThrow(() -> ApiException.badRequest("invalid_request", "add ?customer=<id>"));
    Access.check(req, customer);
    Responses.json(
        res, 200, new RunsJson(host.runs().list(customer).stream().map(Wire::run).toList()));
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
    Responses.json(res, 200, Wire.run(host.runs().cancel(run.id())));
  }

  void journal(ServerRequest req, ServerResponse res) {
    RunInfo run = run(req);
    Responses.json(
        res,
        200,
        new JournalJson(run.id(), host.runs().journal(run.id()).stream().map(Wire::step).toList()));
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
