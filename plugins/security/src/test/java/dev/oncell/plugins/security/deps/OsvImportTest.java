package dev.oncell.plugins.security.deps;

import static dev.oncell.plugins.security.deps.OsvFixtures.DEBIAN;
import static dev.oncell.plugins.security.deps.OsvFixtures.DJANGO;
import static dev.oncell.plugins.security.deps.OsvFixtures.GO_NET;
import static dev.oncell.plugins.security.deps.OsvFixtures.JACKSON;
import static dev.oncell.plugins.security.deps.OsvFixtures.LODASH;
import static dev.oncell.plugins.security.deps.OsvFixtures.MINIMIST;
import static dev.oncell.plugins.security.deps.OsvFixtures.RUSTSEC;
import static dev.oncell.plugins.security.deps.OsvFixtures.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Importing osv.dev's {@code all.zip} into a real H2 database: the snapshot and its date, what is
 * left out, idempotence, replacement, and corrupt archives that import nothing.
 */
class OsvImportTest {

  private final H2Db db = new H2Db();
  private final OsvStore store = OsvStore.over(db);

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void importsEverySupportedEcosystemWithTheNewestRecordAsItsDate() {
    ImportResult result =
        OsvFixtures.importInto(
            store,
            OsvFixtures.zip(LODASH, MINIMIST, JACKSON, DJANGO, GO_NET, RUSTSEC, WITHDRAWN, DEBIAN));

    assertThat(result.unchanged()).isFalse();
    assertThat(result.records()).isEqualTo(8);
    assertThat(result.withdrawn()).isEqualTo(1);
    assertThat(result.ignored()).as("Debian is not an ecosystem the engine reads").isEqualTo(1);
    assertThat(result.snapshots())
        .extracting(s -> s.ecosystem() + " " + s.date() + " " + s.vulnerabilities())
        .containsExactly(
            "Go 2026-07-01T00:00:00Z 1",
            "Maven 2026-09-12T10:00:00Z 1",
            "PyPI 2026-08-01T00:00:00Z 1",
            "crates.io 2026-06-01T00:00:00Z 1",
            "npm 2026-11-02T08:15:00Z 2");
    assertThat(store.snapshot(Ecosystem.NPM).orElseThrow().importedAt())
        .isEqualTo("2026-12-07T12:00:00Z");
    assertThat(rows()).isEqualTo(6);
  }

  @Test
  void importingTheSameArchiveAgainChangesNothing() {
    byte[] zip = OsvFixtures.zip(LODASH, MINIMIST, DJANGO);
    ImportResult first = OsvFixtures.importInto(store, zip);
    ImportResult second = OsvFixtures.importInto(store, zip);

    assertThat(second.unchanged()).isTrue();
    assertThat(second.snapshots()).isEqualTo(first.snapshots());
    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void theSameRecordsInOtherZipBytesAreTheSameArchive() {
    OsvFixtures.importInto(store, OsvFixtures.zip(LODASH, MINIMIST));
    ImportResult inParts =
        new OsvImport(store)
            .run(
                OsvFixtures.archives(OsvFixtures.zip(LODASH), OsvFixtures.zip(MINIMIST)),
                Optional.empty(),
                "2026-12-08T12:00:00Z");
    assertThat(inParts.unchanged()).isTrue();
    assertThat(store.snapshot(Ecosystem.NPM).orElseThrow().importedAt())
        .as("the first import's")
        .isEqualTo("2026-12-07T12:00:00Z");
  }

  @Test
  void aNewArchiveReplacesTheSnapshotOfItsEcosystemsOnly() {
    OsvFixtures.importInto(store, OsvFixtures.zip(LODASH, DJANGO));
    ImportResult second = OsvFixtures.importInto(store, OsvFixtures.zip(MINIMIST));

    assertThat(second.snapshots()).extracting(Snapshot::ecosystem).containsExactly("npm");
    assertThat(store.snapshots())
        .extracting(s -> s.ecosystem() + " " + s.vulnerabilities())
        .containsExactly("PyPI 1", "npm 1");
    assertThat(store.affected(Ecosystem.NPM, List.of("lodash"))).as("replaced").isEmpty();
    assertThat(store.affected(Ecosystem.NPM, List.of("minimist"))).hasSize(1);
    assertThat(store.affected(Ecosystem.PYPI, List.of("django"))).as("kept").hasSize(1);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void anEcosystemFilterImportsOnlyThatEcosystem() {
    ImportResult result =
        new OsvImport(store)
            .run(
                OsvFixtures.archives(OsvFixtures.zip(LODASH, DJANGO, JACKSON)),
                Optional.of(Ecosystem.PYPI),
                "2026-12-07T12:00:00Z");
    assertThat(result.snapshots()).extracting(Snapshot::ecosystem).containsExactly("PyPI");
    assertThat(result.ignored()).isEqualTo(2);
    assertThat(store.snapshots()).extracting(Snapshot::ecosystem).containsExactly("PyPI");
  }

  @Test
  void partsOfOneArchiveAreOneSnapshot() {
    new OsvImport(store)
        .run(
            OsvFixtures.archives(OsvFixtures.zip(LODASH), OsvFixtures.zip(MINIMIST)),
            Optional.empty(),
            "2026-12-07T12:00:00Z");
    assertThat(store.snapshot(Ecosystem.NPM).orElseThrow().vulnerabilities()).isEqualTo(2);
  }

  @Test
  void corruptArchivesImportNothingAndSayWhy() {
    OsvFixtures.importInto(store, OsvFixtures.zip(LODASH, DJANGO));
    List<Snapshot> before = store.snapshots();
    byte[] good = OsvFixtures.zip(MINIMIST, JACKSON, GO_NET);

    Map<String, byte[]> corrupt = new LinkedHashMap<>();
    corrupt.put("osv_bad_zip", "this is not a zip".getBytes());
    corrupt.put("osv_bad_zip ", OsvFixtures.truncated(good, good.length / 2));
    byte[] flipped = good.clone();
    flipped[60] ^= 0x55; // inside the first entry's compressed data: a CRC or inflate error
    corrupt.put("osv_bad_zip  ", flipped);
    corrupt.put(
        "osv_bad_record",
        OsvFixtures.zip(Map.of("GHSA-1.json", MINIMIST, "GHSA-2.json", "{\"id\": ")));
    corrupt.put("osv_bad_record ", OsvFixtures.zip(Map.of("X.json", "{\"modified\": \"x\"}")));
    corrupt.put("osv_no_records", OsvFixtures.zip(DEBIAN, WITHDRAWN));
    corrupt.put("osv_too_large", OsvFixtures.zip(Map.of("BIG.json", " ".repeat(17 << 20))));

    for (Map.Entry<String, byte[]> c : corrupt.entrySet()) {
      assertThatThrownBy(() -> OsvFixtures.importInto(store, c.getValue()))
          .as(c.getKey())
          .isInstanceOfSatisfying(
              DepsException.class,
              e -> {
                assertThat(e.code()).isEqualTo(c.getKey().strip());
                assertThat(e.getMessage()).contains("nothing imported");
              });
      assertThat(store.snapshots()).as("after " + c.getKey()).isEqualTo(before);
      assertThat(rows()).as("no rows left by " + c.getKey()).isEqualTo(2);
    }
  }

  @Test
  void randomlyDamagedArchivesFailWithACodeOrImportWholly() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("OsvImportTest seed: -Dtests.seed=" + seed);
    java.util.Random random = new java.util.Random(seed);
    byte[] good = OsvFixtures.zip(MINIMIST, JACKSON, GO_NET);
    OsvFixtures.importInto(store, OsvFixtures.zip(LODASH));
    for (int round = 0; round < 300; round++) {
      byte[] damaged = good.clone();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      List<Snapshot> before = store.snapshots();
      try {
        OsvFixtures.importInto(store, damaged);
      } catch (DepsException e) {
        assertThat(store.snapshots())
            .as("seed %d round %d: %s", seed, round, e.getMessage())
            .isEqualTo(before);
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " round " + round + ": not a DepsException", e);
      }
      assertThat(store.snapshots()).extracting(Snapshot::ecosystem).contains("npm");
    }
  }

  @Test
  void anImportKilledHalfWayLeavesThePreviousSnapshotAndIsCleanedUpByTheNext() {
    OsvFixtures.importInto(store, OsvFixtures.zip(LODASH));
    // A run killed after writing rows and before publishing them:
    long generation = store.begin("2026-12-07T13:00:00Z");
    store.insert(
        generation,
        List.of(new AffectedEntry("npm", "minimist", "GHSA-x", "HIGH", "", "", "{\"ranges\":[]}")));
    assertThat(store.affected(Ecosystem.NPM, List.of("minimist"))).as("unpublished").isEmpty();
    assertThat(store.snapshot(Ecosystem.NPM).orElseThrow().vulnerabilities()).isEqualTo(1);

    OsvFixtures.importInto(store, OsvFixtures.zip(DJANGO));
    assertThat(rows()).as("the killed import's rows are gone").isEqualTo(2);
  }

  @Test
  void rowsAreWrittenManyToAStatement() {
    String[] records = new String[450];
    for (int i = 0; i < records.length; i++) {
      records[i] =
          LODASH
              .replace("GHSA-jf85-cpcp-j695", "GHSA-" + i)
              .replace("\"lodash\"", "\"p" + i + "\"");
    }
    int before = db.statements;
    OsvFixtures.importInto(store, OsvFixtures.zip(records));
    assertThat(rows()).isEqualTo(450);
    assertThat(db.statements - before).as("5 inserts, not 450").isLessThan(40);
  }

  @Test
  void recordsWithLongVersionListsAreWrittenInSmallerStatements() {
    String versions =
        String.join(
            ",",
            java.util.stream.IntStream.range(0, 20_000)
                .mapToObj(i -> "\"0.0." + i + "\"")
                .toList());
    String[] records = new String[10];
    for (int i = 0; i < records.length; i++) {
      records[i] =
          "{\"id\": \"GO-"
              + i
              + "\", \"modified\": \"2026-01-01T00:00:00Z\", \"affected\": [{\"package\":"
              + " {\"ecosystem\": \"Go\", \"name\": \"example.com/m"
              + i
              + "\"}, \"versions\": ["
              + versions
              + "]}]}";
    }
    OsvFixtures.importInto(store, OsvFixtures.zip(records));
    assertThat(rows()).isEqualTo(10);
    long inserts =
        db.updates.stream().filter(u -> u.startsWith("INSERT INTO osv_affected")).count();
    assertThat(inserts).as("about 1 MB of ranges a statement, not 2 MB in one").isBetween(2L, 4L);
    assertThat(store.affected(Ecosystem.GO, List.of("example.com/m3"))).hasSize(1);
  }

  private long rows() {
    return ((Number) db.query("SELECT COUNT(*) AS n FROM osv_affected").getFirst().get("N"))
        .longValue();
  }
}
