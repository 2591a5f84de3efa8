package dev.oncell.plugins.security.deps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * OSV records in the real schema's shape (as osv.dev exports them: GitHub advisories, PyPA, Go,
 * RustSec records), and zips of them as {@code all.zip} holds them: one {@code ID.json} per record.
 */
final class OsvFixtures {

  private OsvFixtures() {}

  /** lodash's prototype pollution, as GitHub's advisory database exports it (trimmed). */
  static final String LODASH =
      """
      {
        "schema_version": "1.6.0",
        "id": "GHSA-jf85-cpcp-j695",
        "modified": "2026-11-02T08:15:00Z",
        "published": "2019-07-10T19:45:23Z",
        "aliases": ["CVE-2019-10744"],
        "summary": "Prototype Pollution in lodash",
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H"}],
        "affected": [{
          "package": {"ecosystem": "npm", "name": "lodash", "purl": "pkg:npm/lodash"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.12"}]}],
          "database_specific": {"source": "https://github.com/github/advisory-database"}
        }],
        "database_specific": {"cwe_ids": ["CWE-1321", "CWE-20"], "severity": "CRITICAL",
          "github_reviewed": true}
      }
      """;

  /** minimist, two ranges (0.x and 1.x) in one affected entry. */
  static final String MINIMIST =
      """
      {
        "id": "GHSA-xvch-5gv4-984h",
        "modified": "2026-10-01T00:00:00Z",
        "aliases": ["CVE-2021-44906"],
        "affected": [{
          "package": {"ecosystem": "npm", "name": "minimist"},
          "ranges": [
            {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.2.4"}]},
            {"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.2.6"}]}
          ]
        }],
        "database_specific": {"cwe_ids": ["CWE-1321"], "severity": "MODERATE"}
      }
      """;

  /** Jackson databind: Maven, ECOSYSTEM range with last_affected. */
  static final String JACKSON =
      """
      {
        "id": "GHSA-57j2-w4cx-62h2",
        "modified": "2026-09-12T10:00:00Z",
        "aliases": ["CVE-2020-36518"],
        "affected": [{
          "package": {"ecosystem": "Maven", "name": "com.fasterxml.jackson.core:jackson-databind"},
          "ranges": [{"type": "ECOSYSTEM", "events": [
            {"introduced": "2.13.0"}, {"last_affected": "2.13.2.0"},
            {"introduced": "0"}, {"fixed": "2.12.6.1"}]}]
        }],
        "database_specific": {"cwe_ids": ["CWE-787"], "severity": "HIGH"}
      }
      """;

  /** A PyPA record: ECOSYSTEM range plus a versions list, no severity but a CVSS vector. */
  static final String DJANGO =
      """
      {
        "id": "PYSEC-2023-100",
        "modified": "2026-08-01T00:00:00Z",
        "aliases": ["CVE-2023-36053"],
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
        "affected": [{
          "package": {"ecosystem": "PyPI", "name": "Django"},
          "ranges": [{"type": "ECOSYSTEM", "events": [
            {"introduced": "3.2a1"}, {"fixed": "3.2.20"}, {"introduced": "4.0a1"}, {"fixed": "4.1.10"}]},
            {"type": "GIT", "repo": "https://github.com/django/django", "events": [
            {"introduced": "0"}, {"fixed": "454f2fb93437f98917283336201b4048293f7582"}]}],
          "versions": ["3.2", "3.2.1", "4.0", "4.1.9"]
        }]
      }
      """;

  /** A Go record (SEMVER without the v) and a RustSec one, for the other ecosystems. */
  static final String GO_NET =
      """
      {
        "id": "GO-2023-1988",
        "modified": "2026-07-01T00:00:00Z",
        "aliases": ["CVE-2023-3978"],
        "affected": [{
          "package": {"ecosystem": "Go", "name": "golang.org/x/net"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.13.0"}]}],
          "ecosystem_specific": {"imports": [{"path": "golang.org/x/net/html"}]}
        }]
      }
      """;

  static final String RUSTSEC =
      """
      {
        "id": "RUSTSEC-2023-0044",
        "modified": "2026-06-01T00:00:00Z",
        "affected": [{
          "package": {"ecosystem": "crates.io", "name": "openssl"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0.10.8"}, {"fixed": "0.10.55"}]}]
        }],
        "database_specific": {"cwe_ids": []}
      }
      """;

  /** A withdrawn record and a record of an ecosystem the engine does not read. */
  static final String WITHDRAWN =
      """
      {"id": "GHSA-wwww-wwww-wwww", "modified": "2026-12-01T00:00:00Z",
       "withdrawn": "2026-01-01T00:00:00Z",
       "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
         "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
      """;

  static final String DEBIAN =
      """
      {"id": "DSA-5000-1", "modified": "2026-12-05T00:00:00Z",
       "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.11-1"}]}]}]}
      """;

  /** Records by file name, in the order given. */
  static Map<String, String> records(String... json) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String record : json) {
      String id = record.split("\"id\":\\s*\"", 2)[1].split("\"", 2)[0];
      out.put(id + ".json", record);
    }
    return out;
  }

  static byte[] zip(String... json) {
    return zip(records(json));
  }

  static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** One archive as the import reads it. */
  static OsvImport.Archives archives(byte[]... parts) {
    return new OsvImport.Archives() {
      @Override
      public int count() {
        return parts.length;
      }

      @Override
      public OsvImport.Archive read(int index) {
        return new OsvImport.Archive("part-" + index + ".zip", parts[index]);
      }
    };
  }

  static byte[] truncated(byte[] zip, int keep) {
    return Arrays.copyOf(zip, keep);
  }

  static ImportResult importInto(OsvStore store, byte[] zip) {
    return new OsvImport(store).run(archives(zip), Optional.empty(), "2026-12-07T12:00:00Z");
  }
}
