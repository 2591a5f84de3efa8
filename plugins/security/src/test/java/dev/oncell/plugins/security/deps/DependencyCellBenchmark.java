package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.testkit.OncellTestKit;
import dev.oncell.testkit.TestCell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dependency engine in a real cell, every database statement a journaled step: {@code
 * importOsv} of a synthetic npm snapshot and a scan of a {@code package-lock.json}, each timed end
 * to end as a client sees it. Run by hand (it asserts nothing and prints a table):
 *
 * <pre>
 * mvn -o verify -pl plugins/security -am -Dtest=DependencyCellBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbench.deps=true [-Dbench.vulns=20000]
 * </pre>
 */
@EnabledIfSystemProperty(named = "bench.deps", matches = "true")
class DependencyCellBenchmark {

  @RegisterExtension static final OncellTestKit kit = OncellTestKit.forAgent(DepsTestAgent.class);

  @Test
  void importAndScanInACell() {
    int vulns = Integer.getInteger("bench.vulns", 20_000);
    int packages = Integer.getInteger("bench.packages", 5_000);
    TestCell acme = kit.customer("acme");
    Map<String, String> records = new LinkedHashMap<>();
    for (int i = 0; i < vulns; i++) {
      records.put(
          "GHSA-" + i + ".json",
          OsvFixtures.LODASH
              .replace("GHSA-jf85-cpcp-j695", "GHSA-" + i)
              .replace("\"lodash\"", "\"pkg-" + i % Math.max(1, vulns / 3) + "\""));
    }
    byte[] zip = OsvFixtures.zip(records);
    acme.files().write("osv/all.zip", zip);
    long t0 = System.nanoTime();
    JsonNode imported = acme.call("importOsv", Map.of("path", "osv/all.zip"));
    double importSeconds = (System.nanoTime() - t0) / 1e9;

    StringBuilder lock = new StringBuilder("{\"lockfileVersion\":3,\"packages\":{");
    for (int i = 0; i < packages; i++) {
      lock.append(i == 0 ? "" : ",")
          .append("\"node_modules/pkg-")
          .append(i * 2)
          .append("\":{\"version\":\"4.17.")
          .append(i % 20)
          .append("\"}");
    }
    acme.files().write("package-lock.json", lock.append("}}").toString().getBytes());
    List<String> paths = List.of("package-lock.json");
    acme.call("scanDeps", Map.of("paths", paths)); // warm-up
    long t1 = System.nanoTime();
    JsonNode report = acme.call("scanDeps", Map.of("paths", paths));
    double scanSeconds = (System.nanoTime() - t1) / 1e9;

    System.out.printf("%-40s %12s%n", "in a cell (journaled)", "rate");
    System.out.printf(
        "%-40s %8.0f rec/s%n",
        "importOsv ("
            + imported.path("records").asInt()
            + " records, "
            + zip.length / 1000
            + " KB)",
        vulns / importSeconds);
    System.out.printf(
        "%-40s %8.0f pkg/s%n",
        "scan (" + packages + " packages, " + report.path("findings").size() + " findings)",
        packages / scanSeconds);
  }
}
