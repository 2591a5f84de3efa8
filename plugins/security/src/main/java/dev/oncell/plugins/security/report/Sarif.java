package dev.oncell.plugins.security.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.ReportedFinding;
import dev.oncell.plugins.security.ScanReport;
import dev.oncell.plugins.security.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ScanReport} as SARIF 2.1.0, the format code hosts and IDEs import: one run, the rules
 * that found something in {@code tool.driver.rules}, one result per finding with its rule, level,
 * location and {@code partialFingerprints} (so a code host recognises the same finding across
 * scans), and suppressed findings with a {@code suppressions} entry saying who and why rather than
 * left out. Keys are written in a fixed order, so the same report gives the same bytes.
 */
public final class Sarif {

  public static final String VERSION = "2.1.0";
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String FINGERPRINT_KEY = "oncellFingerprint/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Sarif() {}

  /** The SARIF log of {@code report}; {@code toolVersion} is the agent's version. */
  public static ObjectNode of(ScanReport report, String toolVersion) {
    List<ReportedFinding> all = new ArrayList<>(report.findings());
    all.addAll(report.suppressed());
    Map<String, Finding> rules = new TreeMap<>();
    for (ReportedFinding r : all) {
      rules.putIfAbsent(r.finding().rule(), r.finding());
    }
    List<String> ruleIds = new ArrayList<>(rules.keySet());

    ObjectNode log = JSON.createObjectNode();
    log.put("version", VERSION);
    log.put("$schema", SCHEMA);
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "oncell-security");
    driver.put("version", toolVersion);
    driver.put("informationUri", "https://github.com/oncell/oncell/tree/main/plugins/security");
    ArrayNode ruleArray = driver.putArray("rules");
    for (String id : ruleIds) {
      Finding f = rules.get(id);
      ObjectNode rule = ruleArray.addObject();
      rule.put("id", id);
      rule.putObject("shortDescription").put("text", f.category() + ": " + id);
      rule.putObject("defaultConfiguration").put("level", level(f.severity()));
      ObjectNode props = rule.putObject("properties");
      props.putArray("tags").add(f.category()).add(f.cwe().isEmpty() ? "security" : f.cwe());
    }
    ArrayNode results = run.putArray("results");
    for (ReportedFinding r : all) {
      results.add(result(r, ruleIds.indexOf(r.finding().rule())));
    }
    return log;
  }

  private static ObjectNode result(ReportedFinding r, int ruleIndex) {
    Finding f = r.finding();
    ObjectNode result = JSON.createObjectNode();
    result.put("ruleId", f.rule());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(f.severity()));
    result.putObject("message").put("text", f.evidence().isEmpty() ? f.rule() : f.evidence());
    ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", f.file());
    if (f.line() > 0) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", f.line());
      region.putObject("snippet").put("text", f.snippet());
    }
    result.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    if (r.status().equals("suppressed")) {
      ObjectNode s = result.putArray("suppressions").addObject();
      s.put("kind", "external");
      s.put("status", "accepted");
      s.put(
          "justification",
          r.suppressedReason() + " (" + r.suppressedBy() + ", " + r.suppressedAt() + ")");
    }
    ObjectNode props = result.putObject("properties");
    props.put("category", f.category());
    props.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
    props.put("cwe", f.cwe());
    props.put("where", r.where());
    props.put("objectId", r.objectId());
    if (!r.triage().isEmpty()) {
      props.put("triage", r.triage());
    }
    return result;
  }

  /** Critical and high are errors, medium a warning, the rest notes. */
  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }
}
