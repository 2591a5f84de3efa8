package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.runtime.RunInfo;
import dev.oncell.runtime.RunStatus;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.TestCell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DepsMethods} in real, air-gapped cells of an embedded host: the operator's archive
 * uploaded into the cell, imported into the cell's database, and a scan that names the snapshot; a
 * second import of the same archive, archives in parts, and bad requests that import nothing.
 */
class DepsMethodsTest {

  @RegisterExtension static final OncellTestKit kit = OncellTestKit.forAgent(DepsTestAgent.class);

  @Test
  void importsTheUploadedArchiveAndScansAgainstIt() {
    TestCell acme = kit.customer("acme");
    acme.files()
        .write(".oncell/osv/all.zip", OsvFixtures.zip(OsvFixtures.LODASH, OsvFixtures.DJANGO));
    acme.files()
        .write("web/package-lock.json", LockfileParsersTest.fixture("npm-v3/package-lock.json"));

    JsonNode imported = acme.call("importOsv", Map.of("path", ".oncell/osv/all.zip"));
    assertThat(imported.path("unchanged").asBoolean()).isFalse();
    assertThat(imported.path("records").asInt()).isEqualTo(2);
    assertThat(imported.path("snapshots").findValuesAsText("ecosystem"))
        .containsExactly("PyPI", "npm");

    JsonNode report = acme.call("scanDeps", Map.of("paths", List.of("web/package-lock.json")));
    assertThat(report.path("findings")).hasSize(1);
    JsonNode finding = report.path("findings").get(0);
    assertThat(finding.path("rule").asText()).isEqualTo("GHSA-jf85-cpcp-j695");
    assertThat(finding.path("file").asText()).isEqualTo("web/package-lock.json");
    assertThat(finding.path("line").asInt()).isEqualTo(19);
    assertThat(finding.path("evidence").asText()).endsWith("snapshot 2026-11-02T08:15:00Z");
    assertThat(report.path("snapshots").get(0).path("date").asText())
        .isEqualTo("2026-11-02T08:15:00Z");

    JsonNode again = acme.call("importOsv", Map.of("path", ".oncell/osv/all.zip"));
    assertThat(again.path("unchanged").asBoolean()).as("the same archive again").isTrue();
  }

  @Test
  void aFolderOfPartsIsOneSnapshotAndAnEcosystemFilterKeepsOnlyIt() {
    TestCell acme = kit.customer("acme");
    acme.files().write("osv/part-000.zip", OsvFixtures.zip(OsvFixtures.LODASH, OsvFixtures.DJANGO));
    acme.files().write("osv/part-001.zip", OsvFixtures.zip(OsvFixtures.MINIMIST));

    dev.oncell.runtime.RunInfo run =
        acme.run("importOsv", Map.of("path", "osv", "ecosystem", "NPM"));
    JsonNode imported = run.result().orElseThrow();
    assertThat(acme.events(run.id(), "osv-import"))
        .extracting(e -> e.data().path("part").asInt() + "/" + e.data().path("parts").asInt())
        .containsExactly("1/2", "2/2");
    assertThat(imported.path("snapshots").findValuesAsText("ecosystem")).containsExactly("npm");
    assertThat(imported.path("snapshots").get(0).path("vulnerabilities").asInt()).isEqualTo(2);
    assertThat(acme.call("osvSnapshots").findValuesAsText("ecosystem")).containsExactly("npm");
  }

  @Test
  void badRequestsFailWithACodeAndImportNothing() {
    TestCell acme = kit.customer("acme");
    acme.files().write("osv/good.zip", OsvFixtures.zip(OsvFixtures.LODASH));
    acme.call("importOsv", Map.of("path", "osv/good.zip"));
    JsonNode before = acme.call("osvSnapshots");

    acme.files().write("osv/bad.zip", "not a zip at all".getBytes());
    assertFails(acme, Map.of("path", "osv/bad.zip"), "osv_bad_zip");
    assertFails(
        acme, Map.of("path", "osv/good.zip", "ecosystem", "CocoaPods"), "unknown_ecosystem");
    assertFails(acme, Map.of("path", ""), "invalid_path");
    assertFails(acme, Map.of("path", "osv/missing.zip"), "not_found");

    assertThat(acme.call("osvSnapshots")).isEqualTo(before);
  }

  private static void assertFails(TestCell cell, Map<String, String> input, String code) {
    RunInfo run = cell.run("importOsv", input);
    assertThat(run.status()).as("%s", input).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow().code()).as("%s", input).isEqualTo(code);
  }
}
