package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.cli.osvagent.OsvImportAgent;
import dev.oncell.plugins.security.deps.DepsMethods;
import dev.oncell.runtime.fixtures.TestHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncell security import-osv} against a real server: the archive is split into parts,
 * uploaded into the customer's (air-gapped) cell and imported by the agent's {@code importOsv},
 * which the security plugin's classes run in the cell's database; damaged archives import nothing.
 */
class SecurityCommandTest {

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() throws IOException {
    cli = new LiveCli(oncell, tmp.resolve("user"));
    Path jar = Files.write(tmp.resolve("osv-import.jar"), pluginJar());
    LiveCli.Run deploy = cli.oncell("deploy", "--env", "production", jar.toString());
    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    LiveCli.Run create =
        cli.oncell(
            "customers",
            "create",
            "acme",
            "--agent",
            "osv-import",
            "--env",
            "production",
            "--wait");
    assertThat(create.exitCode()).as(create.toString()).isZero();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void importsALargeArchiveInPartsAndPrintsTheSnapshot() throws IOException {
    Map<String, String> records = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      records.put(
          "GHSA-" + i + ".json",
          npmRecord("GHSA-" + i, "pkg-" + i, "2026-11-0" + (1 + i % 5) + "T00:00:00Z"));
    }
    records.put("PYSEC-1.json", PYPI_RECORD);
    Path archive = Files.write(tmp.resolve("all.zip"), zip(records));

    LiveCli.Run run =
        cli.oncell(
            "security",
            "import-osv",
            archive.toString(),
            "--customer",
            "acme",
            "--part-size",
            "4096");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().lines())
        .as(run.toString())
        .contains(
            "ECOSYSTEM  SNAPSHOT DATE         VULNERABILITIES  IMPORTED AT",
            "Imported. 301 records in "
                + parts(run)
                + " parts, 0 withdrawn, 0 of other ecosystems.");
    assertThat(run.out())
        .contains("npm        2026-11-05T00:00:00Z  300")
        .contains("PyPI       2026-10-01T00:00:00Z  1");
    assertThat(parts(run)).as("split to fit --part-size").isGreaterThan(3);
    assertThat(run.err().lines().filter(l -> l.startsWith("imported part ")).count())
        .as("one progress line a part, on stderr")
        .isEqualTo(parts(run));
    assertThat(run.err())
        .contains("imported part " + parts(run) + " of " + parts(run) + " (301 records)");
    assertThat(cli.oncell("files", "ls", "--customer", "acme", ".oncell").out())
        .as("the parts are removed after the import")
        .doesNotContain("part-");
    LiveCli.Run snapshots = cli.oncell("run", "osvSnapshots", "--customer", "acme");
    assertThat(snapshots.out())
        .contains("\"ecosystem\" : \"npm\"")
        .contains("\"vulnerabilities\" : 300");

    LiveCli.Run again =
        cli.oncell(
            "security",
            "import-osv",
            archive.toString(),
            "--customer",
            "acme",
            "--part-size",
            "4096");
    assertThat(again.out()).contains("Unchanged: this archive is already the snapshot in force.");
  }

  @Test
  void anEcosystemFilterAndJsonOutput() throws IOException {
    Path archive =
        Files.write(
            tmp.resolve("all.zip"),
            zip(
                Map.of(
                    "A.json",
                    npmRecord("GHSA-a", "lodash", "2026-11-02T08:15:00Z"),
                    "P.json",
                    PYPI_RECORD)));
    LiveCli.Run run =
        cli.oncell(
            "security",
            "import-osv",
            archive.toString(),
            "--customer",
            "acme",
            "--ecosystem",
            "pypi",
            "--json");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("\"ecosystem\" : \"PyPI\"").doesNotContain("\"npm\"");
  }

  @Test
  void damagedArchivesImportNothing() throws IOException {
    byte[] good = zip(Map.of("A.json", npmRecord("GHSA-a", "lodash", "2026-11-02T08:15:00Z")));
    Path ok = Files.write(tmp.resolve("ok.zip"), good);
    assertThat(cli.oncell("security", "import-osv", ok.toString(), "--customer", "acme").exitCode())
        .isZero();
    String before = cli.oncell("run", "osvSnapshots", "--customer", "acme").out();

    byte[] damaged = good.clone();
    damaged[45] ^= 0x5a; // inside the entry's compressed data
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("truncated.zip", Arrays.copyOf(good, good.length / 2));
    bad.put("damaged.zip", damaged);
    bad.put("text.zip", "not a zip".getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> b : bad.entrySet()) {
      Path file = Files.write(tmp.resolve(b.getKey()), b.getValue());
      LiveCli.Run run = cli.oncell("security", "import-osv", file.toString(), "--customer", "acme");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.err()).as(b.getKey()).contains("nothing imported").contains("(osv_bad_zip)");
    }
    Path records = Files.write(tmp.resolve("records.zip"), zip(Map.of("X.json", "{\"id\": ")));
    LiveCli.Run badRecord =
        cli.oncell("security", "import-osv", records.toString(), "--customer", "acme");
    assertThat(badRecord.err()).contains("osv_bad_record").contains("X.json");

    LiveCli.Run unknown =
        cli.oncell(
            "security",
            "import-osv",
            ok.toString(),
            "--customer",
            "acme",
            "--ecosystem",
            "Hackage");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown_ecosystem");
    LiveCli.Run missing =
        cli.oncell(
            "security", "import-osv", tmp.resolve("none.zip").toString(), "--customer", "acme");
    assertThat(missing.err()).contains("(not_found)");

    assertThat(cli.oncell("run", "osvSnapshots", "--customer", "acme").out()).isEqualTo(before);
  }

  private static int parts(LiveCli.Run run) {
    String line =
        run.out().lines().filter(l -> l.startsWith("Imported.")).findFirst().orElseThrow();
    return Integer.parseInt(line.split(" records in ")[1].split(" ")[0]);
  }

  static String npmRecord(String id, String name, String modified) {
    return """
        {"schema_version": "1.6.0", "id": "%s", "modified": "%s", "aliases": ["CVE-2026-0001"],
         "affected": [{"package": {"ecosystem": "npm", "name": "%s"},
           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.12"}]}]}],
         "database_specific": {"cwe_ids": ["CWE-1321"], "severity": "HIGH"},
         "details": "%s"}
        """
        .formatted(id, modified, name, "x".repeat(200));
  }

  static final String PYPI_RECORD =
      """
      {"id": "PYSEC-2023-100", "modified": "2026-10-01T00:00:00Z",
       "affected": [{"package": {"ecosystem": "PyPI", "name": "Django"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.2a1"}, {"fixed": "3.2.20"}]}],
         "versions": ["3.2", "3.2.1"]}]}
      """;

  static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * The security plugin's classes as the reactor built them (its jar, or its classes folder when
   * the build stopped before packaging), with {@link OsvImportAgent} added as the plugin's agent.
   */
  private static byte[] pluginJar() throws IOException {
    Path location;
    try {
      location =
          Path.of(DepsMethods.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", "osv-import");
    main.putValue("Plugin-Version", "0.0.0-test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      if (Files.isRegularFile(location)) {
        try (JarFile source = new JarFile(location.toFile())) {
          for (JarEntry e : source.stream().filter(e -> !e.isDirectory()).toList()) {
            try (InputStream in = source.getInputStream(e)) {
              entries.put(e.getName(), in.readAllBytes());
            }
          }
        }
      } else {
        try (Stream<Path> files = Files.walk(location)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            entries.put(
                location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
          }
        }
      }
      String agent = OsvImportAgent.class.getName().replace('.', '/') + ".class";
      try (InputStream in = OsvImportAgent.class.getClassLoader().getResourceAsStream(agent)) {
        entries.put(agent, in.readAllBytes());
      }
      entries.put(
          "META-INF/extensions.idx",
          (OsvImportAgent.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (e.getKey().equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        jar.putNextEntry(new JarEntry(e.getKey()));
        jar.write(e.getValue());
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
