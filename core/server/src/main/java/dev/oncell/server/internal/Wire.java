package dev.oncell.server.internal;

import dev.oncell.agent.ShellResult;
import dev.oncell.client.wire.CellCustomerJson;
import dev.oncell.client.wire.CustomerJson;
import dev.oncell.client.wire.DeploymentJson;
import dev.oncell.client.wire.ErrorDetail;
import dev.oncell.client.wire.GitCredentialJson;
import dev.oncell.client.wire.HealthJson;
import dev.oncell.client.wire.IndexReportJson;
import dev.oncell.client.wire.IndexStatusJson;
import dev.oncell.client.wire.JournalJson;
import dev.oncell.client.wire.KeyJson;
import dev.oncell.client.wire.RunJson;
import dev.oncell.client.wire.RunOutcomeJson;
import dev.oncell.client.wire.SecretJson;
import dev.oncell.client.wire.ShellResultJson;
import dev.oncell.client.wire.UsageJson;
import dev.oncell.runtime.ApiKeyInfo;
import dev.oncell.runtime.CellDetails;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.GitCredentialInfo;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.Principal;
import dev.oncell.runtime.RunError;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStep;
import dev.oncell.runtime.SecretInfo;
import dev.oncell.runtime.UsageReport;
import dev.oncell.search.IndexReport;
import dev.oncell.search.IndexStatus;
import java.time.Instant;
import java.util.Locale;

/**
 * The runtime's values as the wire records of {@code dev.oncell.client.wire}, which {@link
 * Responses#json} writes with Jackson and the client reads: the one place where the server decides
 * what a field holds. Each method is a plain copy.
 */
final class Wire {

  private Wire() {}

  static HealthJson health(Host host) {
    return new HealthJson("ok", Version.VALUE, host.sandboxBackend());
  }

  static ErrorDetail error(RunError error) {
    return ErrorDetail.of(error.code(), error.message());
  }

  static CustomerJson customer(CellInfo info) {
    return new CustomerJson(
        info.id(),
        info.state().name(),
        info.agent().orElse(null),
        info.env(),
        info.config(),
        info.setupRunId().orElse(null),
        info.error().map(Wire::error).orElse(null),
        info.createdAt().toString(),
        info.lastActiveAt().toString());
  }

  /** A customer with what its cell runs with: backend, limits, idle timeout, disk use. */
  static CellCustomerJson customer(CellDetails cell) {
    return new CellCustomerJson(
        customer(cell.info()),
        cell.backend(),
        new CellCustomerJson.Limits(
            cell.limits().cpus(),
            cell.limits().memoryBytes(),
            cell.limits().maxProcesses(),
            cell.limits().diskBytes()),
        cell.idleTimeout().toSeconds(),
        cell.diskUsage()
            .map(
                d ->
                    new CellCustomerJson.DiskUsage(d.bytes(), d.files(), d.measuredAt().toString()))
            .orElse(null));
  }

  static ShellResultJson shell(ShellResult result) {
    return new ShellResultJson(
        result.stdout(),
        result.stderr(),
        result.exitCode(),
        result.failed(),
        result.timedOut(),
        result.duration().toMillis(),
        result.truncated());
  }

  /** A deployment with {@code backend}, the backend its cells run in on this host. */
  static DeploymentJson deployment(DeploymentInfo d, String backend) {
    return new DeploymentJson(
        d.id(),
        d.pluginId(),
        d.agent(),
        d.version(),
        d.env(),
        d.sha256(),
        d.methods(),
        d.active(),
        d.createdAt().toString(),
        d.sandbox().orElse(null),
        backend);
  }

  /** The answer of a synchronous run call, the same object as a stream's last event. */
  static RunOutcomeJson outcome(RunInfo run) {
    return new RunOutcomeJson(
        run.id(),
        run.status().wire(),
        run.result().orElse(null),
        run.error().map(Wire::error).orElse(null));
  }

  static RunJson run(RunInfo run) {
    return new RunJson(
        outcome(run),
        run.customer(),
        run.agent(),
        run.version(),
        run.deploymentId(),
        run.method(),
        run.input(),
        run.createdAt().toString(),
        run.finishedAt().map(Object::toString).orElse(null));
  }

  static JournalJson.Step step(RunStep step) {
    return new JournalJson.Step(
        step.seq(),
        step.kind(),
        step.name(),
        step.requestHash(),
        step.status(),
        step.result().orElse(null),
        step.error().map(Wire::error).orElse(null),
        step.at().toString());
  }

  /** A key as listed; {@code token} only in the answer that issues it. */
  static KeyJson key(ApiKeyInfo k, Instant now, String token) {
    return new KeyJson(
        k.id(),
        k.name(),
        k.hint(),
        k.scope() == Principal.Scope.OPERATOR ? "operator" : "customer",
        k.customer().orElse(null),
        k.bootstrap(),
        k.status(now).name().toLowerCase(Locale.ROOT),
        k.createdAt().toString(),
        k.expiresAt().map(Instant::toString).orElse(null),
        k.revokedAt().map(Instant::toString).orElse(null),
        token);
  }

  static GitCredentialJson gitCredential(GitCredentialInfo c) {
    return new GitCredentialJson(
        c.customerId(),
        c.host(),
        c.username().orElse(null),
        c.hint(),
        c.createdAt().toString(),
        c.updatedAt().toString());
  }

  static SecretJson secret(SecretInfo s) {
    return new SecretJson(s.name(), s.hint(), s.updatedAt().toString());
  }

  /** A usage report whose subject is a {@code customer} or a {@code deployment}. */
  static UsageJson usage(String kind, UsageReport r) {
    return new UsageJson(
        kind.equals("customer") ? r.subject() : null,
        kind.equals("deployment") ? r.subject() : null,
        r.period(),
        r.since().toString(),
        r.requests(),
        r.inputTokens(),
        r.outputTokens(),
        r.totalTokens(),
        r.budget().orElse(null),
        r.remaining().orElse(null),
        r.byModel().stream()
            .map(
                m ->
                    new UsageJson.ModelUsage(
                        m.provider(), m.model(), m.requests(), m.inputTokens(), m.outputTokens()))
            .toList());
  }

  static IndexStatusJson indexStatus(IndexStatus status) {
    return new IndexStatusJson(
        status.files(),
        status.chunks(),
        status.embedded(),
        status.indexing(),
        status.model().orElse(null));
  }

  static IndexReportJson indexReport(IndexReport report, IndexStatus status) {
    return new IndexReportJson(
        report.files(),
        report.unchanged(),
        report.removed(),
        report.skipped(),
        report.chunks(),
        indexStatus(status));
  }
}
