package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.plugins.security.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an OSV record becomes rows: severity from each place OSV keeps it, CWE, names. */
class OsvRecordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cvss3BaseScoresAsTheSpecificationComputesThem() {
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).contains(9.8);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H")).contains(9.1);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")).contains(7.5);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")).contains(6.1);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")).contains(7.8);
    assertThat(Cvss3.baseScore("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N")).contains(5.9);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).contains(10.0);
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N")).contains(0.0);
    assertThat(Cvss3.baseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .as("CVSS 4 is not computed")
        .isEmpty();
    assertThat(Cvss3.baseScore("CVSS:3.1/AV:N/AC:L")).as("metrics missing").isEmpty();
  }

  @Test
  void severityComesFromTheFirstPlaceThatHasIt() {
    assertThat(severity("{\"database_specific\": {\"severity\": \"MODERATE\"}}", "{}"))
        .isEqualTo(Severity.MEDIUM);
    assertThat(severity("{}", "{\"ecosystem_specific\": {\"severity\": \"high\"}}"))
        .isEqualTo(Severity.HIGH);
    assertThat(
            severity(
                "{\"severity\": [{\"type\": \"CVSS_V3\", \"score\":"
                    + " \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]}",
                "{}"))
        .isEqualTo(Severity.CRITICAL);
    assertThat(severity("{\"id\": \"MAL-2026-1\"}", "{}"))
        .as("a malicious package")
        .isEqualTo(Severity.CRITICAL);
    assertThat(severity("{\"id\": \"GO-2026-1\"}", "{}"))
        .as("nothing to go by")
        .isEqualTo(Severity.MEDIUM);
  }

  @Test
  void rowsCarryTheNormalisedNameTheFirstCweAndTheAliases() throws Exception {
    OsvRecords.Parsed parsed =
        OsvRecords.parse(
            JSON.readTree(OsvFixtures.DJANGO.replace("\"Django\"", "\"Django_REST.framework\"")),
            Optional.empty());
    assertThat(parsed.entries()).hasSize(1);
    AffectedEntry entry = parsed.entries().getFirst();
    assertThat(entry.name()).isEqualTo("django-rest-framework");
    assertThat(entry.aliases()).isEqualTo("CVE-2023-36053");
    assertThat(entry.severity()).isEqualTo("HIGH");

    OsvRecords.Parsed lodash =
        OsvRecords.parse(JSON.readTree(OsvFixtures.LODASH), Optional.empty());
    assertThat(lodash.entries().getFirst().cwe()).isEqualTo("CWE-1321");
    assertThat(lodash.modified()).isEqualTo("2026-11-02T08:15:00Z");
  }

  @Test
  void withdrawnRecordsAndForeignEcosystemsGiveNoRows() throws Exception {
    assertThat(OsvRecords.parse(JSON.readTree(OsvFixtures.WITHDRAWN), Optional.empty()).withdrawn())
        .isTrue();
    assertThat(OsvRecords.parse(JSON.readTree(OsvFixtures.DEBIAN), Optional.empty()).entries())
        .isEmpty();
    assertThat(
            OsvRecords.parse(JSON.readTree(OsvFixtures.LODASH), Optional.of(Ecosystem.PYPI))
                .entries())
        .isEmpty();
  }

  private static Severity severity(String record, String affected) {
    try {
      JsonNode r = JSON.readTree(record);
      JsonNode a = JSON.readTree(affected);
      return OsvRecords.severity(r, a);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
