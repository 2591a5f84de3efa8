package dev.oncell.plugins.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.ShellResult;
import dev.oncell.agent.git.CloneOptions;
import dev.oncell.agent.tools.secrets.SecretRulesException;
import dev.oncell.agent.tools.secrets.SecretScanner;
import dev.oncell.plugins.security.code.CodeScanner;
import dev.oncell.plugins.security.deps.DependencyScanner;
import dev.oncell.plugins.security.deps.DepsMethods;
import dev.oncell.plugins.security.deps.ImportOsvRequest;
import dev.oncell.plugins.security.deps.ImportResult;
import dev.oncell.plugins.security.deps.OsvStore;
import dev.oncell.plugins.security.deps.Snapshot;
import dev.oncell.plugins.security.report.Sarif;
import dev.oncell.plugins.security.report.Summary;
import dev.oncell.plugins.security.secrets.RuleSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * The security agent, in an air-gapped cell: its network is blocked ({@code Network.blocked()}), so
 * nothing the repository holds can leave the cell, and the only model it talks to is the host's
 * {@code local} one. {@code setup} receives the customer's {@code config.repoUrl} (the host fetches
 * it read-only from a host the operator allows); {@code scan} runs the engines over the working
 * tree and the whole history, incrementally by git object id, and reports findings that neither the
 * baseline, a suppression nor {@code .gitleaksignore} hides; {@code baseline}, {@code suppress} and
 * {@code sarif} work on what it found.
 *
 * <p>Engines are {@link Scanner}s ({@link #engines}): secrets, dependencies and code. Written
 * against the public agent API only, as any author's agent would be.
 */
@Extension
public class SecurityAgent extends Agent {

  /** Memory key: the last scan's report, for {@code baseline} and {@code sarif}. */
  static final String LAST_REPORT = "security.lastReport";

  static final String VERSION = "0.1.0";
  static final long MAX_BLOB_BYTES = 2L << 20;
  static final long BATCH_BYTES = 16L << 20;
  static final int MAX_TRIAGE = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "security";
  }

  /**
   * No network at all: the repository comes from the host's read-only fetch (from a host the
   * operator allows with {@code oncell serve --egress-allow}), and the model is called by the host,
   * never from the cell.
   */
  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.blocked());
  }

  @Override
  public void setup(Context ctx) {
    JsonNode config = ctx.config();
    if (!config.path("repoUrl").isTextual()) {
      throw SecurityException.invalid(
          "security_repo_missing",
          "the security agent needs the customer's config.repoUrl, the repository it scans"
              + " ({\"repoUrl\": \"https://host/owner/name.git\"})");
    }
    model(ctx); // a bad model setting fails the setup, not the first scan
    CloneOptions options = CloneOptions.defaults();
    if (config.path("branch").isTextual()) {
      options = options.withBranch(config.path("branch").asText());
    }
    ctx.git().clone(config.path("repoUrl").asText(), options);
    new Ledger(ctx.db()).open();
  }

  /**
   * The engines, in report order: secrets (working tree and history), dependencies (lock files
   * against the imported OSV snapshot), code (source-to-sink rules over syntax trees).
   */
  static List<Scanner> engines(Context ctx) {
    SecretScanner.Limits limits =
        new SecretScanner.Limits((int) MAX_BLOB_BYTES, Duration.ofMillis(250));
    Scanner secrets;
    try {
      secrets = RuleSource.load(ctx, limits);
    } catch (SecretRulesException e) {
      throw SecurityException.invalid("security_bad_rules", e.getMessage());
    }
    return List.of(secrets, new DependencyScanner(ctx.db()), CodeScanner.create());
  }

  /**
   * Imports an OSV export ({@code all.zip} of one ecosystem, put in the cell by {@code oncell
   * security import-osv}) into the cell's snapshot; the snapshot's date is shown with every report.
   */
  @AgentMethod(timeout = "60m")
  public ImportResult importOsv(Context ctx, ImportOsvRequest request) {
    return DepsMethods.importOsv(ctx, request);
  }

  /** The OSV snapshots imported, one per ecosystem, with their dates. */
  public List<Snapshot> osvSnapshots(Context ctx) {
    return DepsMethods.osvSnapshots(ctx);
  }

  @AgentMethod(timeout = "60m")
  public ScanReport scan(Context ctx, Requests.Scan in) {
    boolean history = in == null || in.history() == null || in.history();
    boolean triage =
        in != null && in.triage() != null
            ? in.triage()
            : ctx.config().path("triage").asBoolean(true);
    String model = model(ctx);
    List<String> notes = new ArrayList<>();
    if (in == null || in.fetch() == null || in.fetch()) {
      refresh(ctx, notes);
    }
    List<Scanner> engines = engines(ctx); // a bad rule file fails here, before anything changes
    Ledger ledger = new Ledger(ctx.db());
    ledger.open();
    CellObjects objects = new CellObjects(ctx);
    CellObjects.Inventory inventory = objects.inventory(history);
    ctx.stream(
        "progress",
        Map.of(
            "step",
            "listed",
            "tree",
            inventory.tree().size(),
            "history",
            inventory.history().size()));
    Pipeline.Outcome outcome =
        new Pipeline(engines, ledger, objects, MAX_BLOB_BYTES, BATCH_BYTES).run(inventory);
    ctx.stream("progress", Map.of("step", "scanned", "blobs", outcome.scanned()));
    OsvStore.over(ctx.db()).snapshots().forEach(snapshot -> notes.add(snapshot.describe()));

    Map<String, String> versions = new TreeMap<>();
    engines.forEach(e -> versions.put(e.category(), e.version()));
    String at = now(ctx);
    Reporter reporter = new Reporter(ledger, IgnoreFile.read(ctx.store()), inventory, versions);
    String triaged = "";
    if (triage) {
      List<ReportedFinding> open = reporter.collect().open();
      triaged =
          open.isEmpty()
              ? "nothing to triage"
              : new Triage(ctx, ledger, objects, model).run(open, MAX_TRIAGE, at);
    }
    Reporter.Collected collected = reporter.collect();
    objects.cleanUp();
    List<String> engineNames = new ArrayList<>();
    engines.forEach(e -> engineNames.add(e.category() + "@" + e.version()));
    ScanReport report =
        new ScanReport(
            engineNames,
            inventory.tree().size(),
            inventory.history().size(),
            outcome.scanned(),
            outcome.alreadyScanned(),
            collected.open(),
            collected.suppressed(),
            collected.baselined(),
            collected.ignored(),
            triaged,
            concat(notes, outcome.skipped()),
            "");
    report = report.withSummary(Summary.of(report));
    ctx.memory().set(LAST_REPORT, JSON.valueToTree(report));
    ctx.stream(
        "progress",
        Map.of(
            "step",
            "reported",
            "open",
            report.findings().size(),
            "suppressed",
            report.suppressed().size()));
    return report;
  }

  /**
   * Brings the upstream's new commits: the host fetches them (read-only) into the cell's
   * repository, and the working tree moves forward when it can do so without a merge.
   */
  private static void refresh(Context ctx, List<String> notes) {
    ctx.git().fetch("origin", List.of());
    ShellResult ff = ctx.shell("git merge -q --ff-only '@{u}'");
    if (ff.failed()) {
      notes.add("working tree not updated to the upstream: " + ff.stderr().strip());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The last scan's open findings become the baseline: later scans report only new ones. */
  public Requests.BaselineResult baseline(Context ctx, Requests.Baseline in) {
    if (in == null) {
      throw SecurityException.invalid("security_invalid_input", "by and reason are required");
    }
    in.check();
    ScanReport last = lastReport(ctx);
    Ledger ledger = new Ledger(ctx.db());
    ledger.open();
    Set<String> before = ledger.baseline();
    List<String> fingerprints =
        last.findings().stream().map(r -> r.finding().fingerprint()).toList();
    String at = now(ctx);
    ledger.addToBaseline(fingerprints, in.by(), in.reason(), at);
    int added = (int) fingerprints.stream().filter(f -> !before.contains(f)).distinct().count();
    return new Requests.BaselineResult(added, ledger.baseline().size(), in.by(), in.reason(), at);
  }

  /** Suppresses one finding, with who and why; it stays in every report as suppressed. */
  public Requests.Suppressed suppress(Context ctx, Requests.Suppress in) {
    if (in == null) {
      throw SecurityException.invalid(
          "security_invalid_input", "fingerprint, by and reason are required");
    }
    in.check();
    Ledger ledger = new Ledger(ctx.db());
    ledger.open();
    if (!ledger.knows(in.fingerprint())) {
      throw new SecurityException(
          ErrorKind.NOT_FOUND,
          "security_unknown_finding",
          "no finding has the fingerprint "
              + in.fingerprint()
              + "; scan first, then use one it reports");
    }
    String at = now(ctx);
    ledger.suppress(new Ledger.Suppression(in.fingerprint(), in.by(), in.reason(), at, "operator"));
    return new Requests.Suppressed(in.fingerprint(), in.by(), in.reason(), at);
  }

  /** The last scan as SARIF 2.1.0. */
  public JsonNode sarif(Context ctx) {
    return Sarif.of(lastReport(ctx), VERSION);
  }

  private static ScanReport lastReport(Context ctx) {
    JsonNode stored =
        ctx.memory()
            .get(LAST_REPORT)
            .orElseThrow(
                () ->
                    new SecurityException(
                        ErrorKind.CONFLICT, "security_no_scan", "no scan yet: run scan first"));
    try {
      return JSON.treeToValue(stored, ScanReport.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the stored report does not read back", e);
    }
  }

  /**
   * The model for triage: config {@code model}, {@code local} by default, and only the host's local
   * models: the code around a finding never goes to a provider outside the host.
   */
  static String model(Context ctx) {
    String model = ctx.config().path("model").asText("local");
    if (!model.equals("local") && !model.startsWith("local/")) {
      throw SecurityException.invalid(
          "security_model_not_local",
          "the security agent sends code only to the host's local model: config.model must be"
              + " 'local' or 'local/<model>', not '"
              + model
              + "'");
    }
    return model;
  }

  /** Now, journaled, so a replayed run records the same time. */
  private static String now(Context ctx) {
    return ctx.step("clock", String.class, () -> Instant.now().toString());
  }
}
