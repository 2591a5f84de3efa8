package dev.oncell.plugins.security;

import dev.oncell.agent.Context;
import dev.oncell.agent.Failure;
import dev.oncell.agent.LlmOptions;
import dev.oncell.agent.tools.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model's triage: for each new finding, the code around it (every secret in it redacted) goes
 * to the local model, which answers whether it is exploitable and why. A finding the model calls
 * not exploitable is suppressed with the model's reason, as {@code model:local}, and shown as such
 * in every report; it is never dropped. The model sees no more than {@link #WINDOW} lines either
 * side, and at most {@code limit} findings are triaged per scan.
 */
final class Triage {

  static final int WINDOW = 6;

  /** The model's answer. */
  public record Verdict(boolean exploitable, String reason) {}

  static final String SYSTEM =
      """
      You triage findings of a security scanner in a customer's repository. For the finding and \
      the code around it, answer whether it is exploitable: a real secret or a real flaw someone \
      could use, or not (a test fixture, a placeholder, an example, dead code, a value that is \
      not secret). Secrets are shown redacted; judge from the context. Answer only JSON: \
      {"exploitable": true|false, "reason": "one sentence"}.""";

  private final Context ctx;
  private final Ledger ledger;
  private final CellObjects objects;
  private final String model;
  private final SecretScanner redactor = SecretScanner.defaults();

  Triage(Context ctx, Ledger ledger, CellObjects objects, String model) {
    this.ctx = ctx;
    this.ledger = ledger;
    this.objects = objects;
    this.model = model;
  }

  /**
   * Triages {@code open} findings the model has not seen, at most {@code limit}.
   *
   * @return a line saying what it did
   */
  String run(List<ReportedFinding> open, int limit, String at) {
    int triaged = 0;
    int suppressed = 0;
    Map<String, Ledger.Triage> seen = ledger.triages();
    for (ReportedFinding r : open) {
      Finding f = r.finding();
      if (seen.containsKey(f.fingerprint())) {
        continue;
      }
      if (triaged == limit) {
        return triaged
            + " triaged, "
            + suppressed
            + " suppressed by the model; stopped at the"
            + " limit of "
            + limit
            + " a scan";
      }
      Verdict verdict;
      try {
        verdict =
            ctx.llm(
                prompt(r),
                LlmOptions.defaults().withModel(model).withSystem(SYSTEM).withTemperature(0),
                Verdict.class);
      } catch (RuntimeException e) {
        String code = e instanceof Failure failure ? failure.code() : e.getClass().getSimpleName();
        return triaged
            + " triaged, "
            + suppressed
            + " suppressed by the model; then the model"
            + " failed ("
            + code
            + "): the rest is not triaged";
      }
      String reason =
          verdict.reason() == null || verdict.reason().isBlank()
              ? "(the model gave no reason)"
              : verdict.reason().strip();
      reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
      ledger.triaged(new Ledger.Triage(f.fingerprint(), verdict.exploitable(), reason, at));
      seen.put(f.fingerprint(), null);
      triaged++;
      if (!verdict.exploitable()) {
        ledger.suppress(
            new Ledger.Suppression(f.fingerprint(), "model:" + model, reason, at, "model"));
        suppressed++;
      }
    }
    return triaged + " triaged, " + suppressed + " suppressed by the model";
  }

  private String prompt(ReportedFinding r) {
    Finding f = r.finding();
    return "Finding: "
        + f.rule()
        + " ("
        + f.category()
        + ", "
        + f.severity()
        + (f.cwe().isEmpty() ? "" : ", " + f.cwe())
        + ")\nFile: "
        + f.file()
        + (r.where().equals("history") ? " (in an older commit only)" : "")
        + "\nLine: "
        + f.line()
        + "\nEvidence: "
        + f.evidence()
        + "\n\nCode around it:\n"
        + context(r);
  }

  /** Lines around the finding, numbered, each secret in them redacted. */
  String context(ReportedFinding r) {
    Finding f = r.finding();
    if (f.line() < 1 || r.objectId().isEmpty()) {
      return "(the whole file)";
    }
    String text = new String(objects.readOne(r.objectId()), StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    int from = Math.max(1, f.line() - WINDOW);
    int to = Math.min(lines.length, f.line() + WINDOW);
    for (int n = from; n <= to; n++) {
      out.append(n).append(n == f.line() ? " > " : " | ").append(redacted(f, n, lines[n - 1]));
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * The line, or its redacted snippet when it holds a secret. An allow comment does not keep a
   * secret from being redacted: allowed is not the same as shown.
   */
  private String redacted(Finding f, int n, String line) {
    if (n == f.line()) {
      return f.snippet();
    }
    String plain = line.replace(SecretScanner.ALLOW_COMMENT, "");
    var leaks = redactor.scan(f.file(), plain, Optional.empty()).leaks();
    return leaks.isEmpty() ? cut(line) : leaks.getFirst().snippet();
  }

  private static String cut(String line) {
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
