package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end on a real H2 snapshot: lock files of every ecosystem matched against real
 * OSV records, the findings' fields, what the report says was not checked, and fingerprints that
 * survive unrelated edits.
 */
class DependencyScannerTest {

  private final H2Db db = new H2Db();
  private final OsvStore store = OsvStore.over(db);
  private final DependencyScanner scanner = new DependencyScanner(store);

  @BeforeEach
  void snapshot() {
    OsvFixtures.importInto(
        store,
        OsvFixtures.zip(
            OsvFixtures.LODASH,
            OsvFixtures.MINIMIST,
            OsvFixtures.JACKSON,
            OsvFixtures.DJANGO,
            OsvFixtures.GO_NET,
            OsvFixtures.RUSTSEC));
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void findsTheVulnerableDependencyOfEveryEcosystem() {
    DependencyReport report =
        scanner.report(
            List.of(
                fixture("npm-v1/package-lock.json"),
                fixture("maven/pom.xml"),
                fixture("pip/requirements.txt"),
                fixture("poetry/poetry.lock"),
                fixture("go/go.sum"),
                fixture("cargo/Cargo.lock"),
                source("src/App.java", "class App {}")));

    assertThat(report.findings())
        .extracting(
            f ->
                f.file()
                    + ":"
                    + f.line()
                    + " "
                    + f.rule()
                    + " "
                    + f.snippet()
                    + " "
                    + f.severity()
                    + " "
                    + f.cwe())
        .containsExactly(
            "cargo/Cargo.lock:5 RUSTSEC-2023-0044 openssl@0.10.45 MEDIUM ",
            "go/go.sum:3 GO-2023-1988 golang.org/x/net@v0.12.0 MEDIUM ",
            "maven/pom.xml:27 GHSA-57j2-w4cx-62h2 com.fasterxml.jackson.core:jackson-databind@2.13.1 HIGH CWE-787",
            "npm-v1/package-lock.json:7 GHSA-jf85-cpcp-j695 lodash@4.17.11 CRITICAL CWE-1321",
            "npm-v1/package-lock.json:18 GHSA-xvch-5gv4-984h minimist@0.0.8 MEDIUM CWE-1321",
            "pip/requirements.txt:2 PYSEC-2023-100 Django@3.2.1 HIGH ",
            "poetry/poetry.lock:3 PYSEC-2023-100 django@4.1.9 HIGH ");
    assertThat(report.findings())
        .allSatisfy(f -> assertThat(f.category()).isEqualTo("dependencies"));
    assertThat(report.snapshots())
        .extracting(Snapshot::ecosystem)
        .containsExactly("npm", "PyPI", "Maven", "Go", "crates.io");
    assertThat(report.withoutSnapshot()).isEmpty();
    assertThat(report.dependencies()).isEqualTo(16);
    assertThat(report.unresolved()).hasSize(6);
    assertThat(report.skipped()).isEmpty();
  }

  @Test
  void evidenceNamesTheRangeTheFixAndTheSnapshotDate() {
    List<Finding> findings =
        scanner.scan(
            List.of(
                fixture("npm-v1/package-lock.json"),
                fixture("maven/pom.xml"),
                fixture("pip/requirements.txt")));
    assertThat(findings)
        .extracting(Finding::evidence)
        .containsExactly(
            "Maven com.fasterxml.jackson.core:jackson-databind 2.13.1: affected >=2.13.0, <=2.13.2.0,"
                + " no fixed version known; aliases CVE-2020-36518; snapshot 2026-09-12T10:00:00Z",
            "npm lodash 4.17.11: affected >=0, <4.17.12, fixed in 4.17.12; aliases CVE-2019-10744;"
                + " snapshot 2026-11-02T08:15:00Z",
            "npm minimist 0.0.8: affected >=0, <0.2.4, fixed in 0.2.4; aliases CVE-2021-44906;"
                + " snapshot 2026-11-02T08:15:00Z",
            "PyPI Django 3.2.1: affected listed version 3.2.1, fixed in 3.2.20; aliases"
                + " CVE-2023-36053; snapshot 2026-08-01T00:00:00Z");
  }

  @Test
  void fixedVersionsAreNotFindings() {
    String lock =
        "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/lodash\": {\"version\": \"4.17.21\"},"
            + " \"node_modules/minimist\": {\"version\": \"1.2.6\"}}}";
    assertThat(scanner.scan(List.of(source("package-lock.json", lock)))).isEmpty();
  }

  @Test
  void aFingerprintSurvivesAnUnrelatedEditAndDiffersByFile() {
    String lock = "golang.org/x/net v0.12.0 h1:abc=\n";
    Finding before = scanner.scan(List.of(source("go.sum", lock))).getFirst();
    Finding after =
        scanner.scan(List.of(source("go.sum", "example.com/a v1.0.0 h1:x=\n" + lock))).getFirst();
    Finding elsewhere = scanner.scan(List.of(source("tools/go.sum", lock))).getFirst();
    assertThat(after.line()).isEqualTo(2);
    assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
    assertThat(elsewhere.fingerprint()).isNotEqualTo(before.fingerprint());
  }

  @Test
  void theReportSaysWhatWasNotChecked() {
    try (H2Db empty = new H2Db()) {
      DependencyReport report =
          new DependencyScanner(OsvStore.over(empty))
              .report(
                  List.of(
                      fixture("go/go.sum"),
                      source("web/package-lock.json", "{not json"),
                      fixture("pip/requirements.txt")));
      assertThat(report.findings()).isEmpty();
      assertThat(report.withoutSnapshot()).containsExactly("PyPI", "Go");
      assertThat(report.skipped())
          .extracting(s -> s.file() + ": " + s.reason().substring(0, 21))
          .containsExactly("web/package-lock.json: skipped: invalid JSON");
      assertThat(report.unresolved()).extracting(Unresolved::name).contains("flask", "urllib3");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void whatAScanLeftOutIsTakenOnce() {
    try (H2Db empty = new H2Db()) {
      DependencyScanner bare = new DependencyScanner(OsvStore.over(empty));
      bare.scan(List.of(fixture("go/go.sum"), source("web/package-lock.json", "[]")));
      assertThat(bare.takeSkipped())
          .containsExactly(
              "web/package-lock.json: skipped: not a JSON object",
              "Go: no OSV snapshot imported; its dependencies not checked");
      assertThat(bare.takeSkipped()).isEmpty();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theVersionChangesWithANewSnapshot() {
    String before = scanner.version();
    assertThat(before).startsWith("deps-1;Go=2026-07-01T00:00:00Z@2026-12-07T12:00:00Z;");
    new OsvImport(store)
        .run(
            OsvFixtures.archives(OsvFixtures.zip(OsvFixtures.LODASH)),
            java.util.Optional.empty(),
            "2026-12-08T09:00:00Z");
    assertThat(new DependencyScanner(store).version())
        .isNotEqualTo(before)
        .contains("npm=2026-11-02T08:15:00Z@2026-12-08T09:00:00Z");
  }

  @Test
  void pypiNamesMatchWhateverTheirSpelling() {
    assertThat(scanner.scan(List.of(source("requirements.txt", "DJANGO==3.2.1\n"))))
        .extracting(Finding::rule)
        .containsExactly("PYSEC-2023-100");
  }

  private static SourceFile fixture(String name) {
    return new SourceFile(name, "oid", LockfileParsersTest.fixture(name));
  }

  private static SourceFile source(String path, String text) {
    return new SourceFile(path, "oid", text.getBytes(StandardCharsets.UTF_8));
  }
}
