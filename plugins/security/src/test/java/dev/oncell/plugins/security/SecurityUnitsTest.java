package dev.oncell.plugins.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.agent.tools.secrets.SecretScanner;
import dev.oncell.plugins.security.report.Sarif;
import dev.oncell.plugins.security.report.Summary;
import dev.oncell.plugins.security.secrets.SecretsScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's parts without a cell: the secrets engine's findings, SARIF, batches, rounds. */
class SecurityUnitsTest {

  static final String GITHUB = "ghp_" + "53X83RZJzzzzgEOzdmenCkhvMdgaKjIg8xNb";

  private static final SecretsScanner SECRETS =
      new SecretsScanner(SecretScanner.defaults(), "test");

  private static Finding secretIn(String path, String text) {
    return SECRETS
        .scan(List.of(new SourceFile(path, "0".repeat(40), text.getBytes(StandardCharsets.UTF_8))))
        .getFirst();
  }

  @Test
  void aSecretsFindingIsRedactedAndItsFingerprintIgnoresTheLine() {
    Finding f = secretIn("app/settings.py", "x = 1\nTOKEN = \"" + GITHUB + "\"\n");
    assertThat(f.category()).isEqualTo("secrets");
    assertThat(f.rule()).isEqualTo("github-pat");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.cwe()).isEqualTo("CWE-798");
    assertThat(f.line()).isEqualTo(2);
    assertThat(f.snippet()).isEqualTo("TOKEN = \"ghp_…\"");
    assertThat(f.toString()).doesNotContain(GITHUB.substring(4));
    Finding moved = secretIn("app/settings.py", "\n\n\nTOKEN = \"" + GITHUB + "\"\n");
    assertThat(moved.fingerprint()).isEqualTo(f.fingerprint());
    assertThat(secretIn("other.py", "TOKEN = \"" + GITHUB + "\"").fingerprint())
        .isNotEqualTo(f.fingerprint());
  }

  @Test
  void sarifHasTheShapeTheSchemaRequires() throws Exception {
    Finding open = secretIn("a.py", "T = \"" + GITHUB + "\"");
    Finding whole =
        new Finding("code", "weak-hash", Severity.LOW, "CWE-328", "b.py", 0, "", "ab12cd34", "md5");
    ScanReport report =
        new ScanReport(
            List.of("secrets@test"),
            2,
            0,
            2,
            0,
            List.of(new ReportedFinding(open, "tree", "0".repeat(40), "", "open", "", "", "")),
            List.of(
                new ReportedFinding(
                    whole, "history", "1".repeat(40), "", "suppressed", "bob", "fine", "2026")),
            0,
            0,
            "",
            List.of(),
            "");
    JsonNode sarif = new ObjectMapper().readTree(Sarif.of(report, "0.1.0").toString());
    SarifShape.check(sarif);
    JsonNode results = sarif.path("runs").get(0).path("results");
    assertThat(results.get(0).path("level").asText()).isEqualTo("error");
    assertThat(results.get(1).path("suppressions").get(0).path("justification").asText())
        .isEqualTo("fine (bob, 2026)");
    assertThat(results.get(1).path("locations").get(0).path("physicalLocation").has("region"))
        .as("a finding about a whole file has no region")
        .isFalse();
    assertThat(Sarif.of(report, "0.1.0").toString())
        .as("the same report, the same bytes")
        .isEqualTo(Sarif.of(report, "0.1.0").toString());
    assertThat(Summary.of(report)).contains("1 open finding(s) (1 high)").contains("bob: fine");
  }

  @Test
  void aBatchOfBlobsIsParsedByteExact() {
    byte[] out =
        ("aaaa blob 3\nx\ny\nbbbb missing\ncccc blob 0\n\n").getBytes(StandardCharsets.US_ASCII);
    var blobs = CellObjects.parseBatch(out);
    assertThat(blobs.keySet()).containsExactly("aaaa", "cccc");
    assertThat(new String(blobs.get("aaaa"), StandardCharsets.US_ASCII)).isEqualTo("x\ny");
    assertThat(blobs.get("cccc")).isEmpty();
  }

  @Test
  void aBatchThatIsNotGitsFormatStopsWhereItStopsMakingSense() {
    byte[] out =
        ("aaaa blob 1\nx\nbbbb blob -5\nyyyy\ncccc blob 1\nz\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(CellObjects.parseBatch(out).keySet()).containsExactly("aaaa");
    assertThat(
            CellObjects.parseBatch("dddd blob 99999999999\n".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
  }

  @Test
  void versionsOfOnePathGoInSeparateRounds() {
    var a1 = new CellObjects.Blob("1", "a", 1);
    var a2 = new CellObjects.Blob("2", "a", 1);
    var b = new CellObjects.Blob("3", "b", 1);
    assertThat(Pipeline.distinctPaths(List.of(a1, a2, b)))
        .containsExactly(List.of(a1, b), List.of(a2));
  }
}
