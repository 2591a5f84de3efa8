package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each lock file and manifest format on a fixture shaped as its tool writes it (in
 * src/test/resources/deps/lockfiles): the packages, the lines that name them, and what is left out
 * or reported as unresolved.
 */
class LockfileParsersTest {

  private final Lockfiles lockfiles = new Lockfiles(Lockfiles.DEFAULT_MAX_BYTES);

  @Test
  void packageLockV1ReadsNestedDependenciesAndAliases() {
    ParsedFile parsed = parse("npm-v1/package-lock.json");
    assertThat(summary(parsed))
        .containsExactly(
            "npm lodash@4.17.11 :7",
            "npm minimist@0.0.8 :18",
            "npm mkdirp@0.5.1 :12",
            "npm underscore@1.12.0 :24");
  }

  @Test
  void packageLockV3ReadsInstallPathsSkipsLinksAndTheRoot() {
    assertThat(summary(parse("npm-v3/package-lock.json")))
        .containsExactly(
            "npm @babel/code-frame@7.12.13 :14",
            "npm lodash@4.17.11 :19",
            "npm minimist@1.2.5 :23",
            "npm underscore@1.12.0 :26");
  }

  @Test
  void packageLockV2ReadsThePackagesMapNotBoth() {
    assertThat(summary(parse("npm-v2/package-lock.json"))).containsExactly("npm lodash@4.17.11 :9");
  }

  @Test
  void pnpmLockVersions5To9() {
    List<String> expected5 =
        List.of(
            "npm lodash@4.17.11 :11",
            "npm @babel/code-frame@7.12.13 :15",
            "npm react-dom@17.0.2 :19");
    assertThat(summary(parse("pnpm-v5/pnpm-lock.yaml"))).containsExactlyElementsOf(expected5);
    assertThat(summary(parse("pnpm-v6/pnpm-lock.yaml")))
        .containsExactly(
            "npm lodash@4.17.11 :10",
            "npm @babel/code-frame@7.12.13 :14",
            "npm react-dom@17.0.2 :18");
    assertThat(summary(parse("pnpm-v9/pnpm-lock.yaml")))
        .as("the tarball dependency is not a registry version")
        .containsExactly("npm @babel/code-frame@7.12.13 :16", "npm lodash@4.17.11 :19");
  }

  @Test
  void yarnClassicAndBerry() {
    assertThat(summary(parse("yarn-classic/yarn.lock")))
        .containsExactly(
            "npm @babel/code-frame@7.12.13 :5",
            "npm lodash@4.17.11 :10",
            "npm underscore@1.12.0 :14");
    assertThat(summary(parse("yarn-berry/yarn.lock")))
        .as("the workspace entry is not a package of the registry")
        .containsExactly(
            "npm @babel/code-frame@7.12.13 :8",
            "npm lodash@4.17.11 :17",
            "npm underscore@1.12.0 :24");
  }

  @Test
  void pomResolvesItsOwnPropertiesAndSaysWhatItCannot() {
    ParsedFile parsed = parse("maven/pom.xml");
    assertThat(summary(parsed))
        .containsExactly(
            "Maven org.apache.logging.log4j:log4j-core@2.14.1 :18",
            "Maven com.fasterxml.jackson.core:jackson-databind@2.13.1 :27",
            "Maven com.example:shop-core@3.1.0 :32");
    assertThat(parsed.unresolved())
        .extracting(u -> u.name() + ": " + u.reason() + " :" + u.line())
        .containsExactly(
            "org.slf4j:slf4j-api: no version here (from a parent or BOM) :37",
            "org.yaml:snakeyaml: property not defined in this pom: ${snakeyaml.version} :41",
            "junit:junit: version range: [4.0,5.0) :46");
  }

  @Test
  void requirementsMatchOnlyExactPins() {
    ParsedFile parsed = parse("pip/requirements.txt");
    assertThat(summary(parsed))
        .containsExactly("PyPI Django@3.2.1 :2", "PyPI requests@2.25.0 :4", "PyPI pyyaml@5.3.1 :9");
    assertThat(parsed.unresolved())
        .extracting(u -> u.name() + ": " + u.reason())
        .containsExactly(
            "flask: unpinned: >=2.0",
            "urllib3: unpinned: any version",
            "numpy: unpinned: ==1.21.*");
  }

  @Test
  void poetryAndCargoLeaveOutGitAndWorkspacePackages() {
    assertThat(summary(parse("poetry/poetry.lock")))
        .containsExactly("PyPI django@4.1.9 :3", "PyPI Requests@2.31.0 :31");
    assertThat(summary(parse("cargo/Cargo.lock"))).containsExactly("crates.io openssl@0.10.45 :5");
  }

  @Test
  void goSumNamesEachModuleVersionOnce() {
    assertThat(summary(parse("go/go.sum")))
        .containsExactly(
            "Go github.com/stretchr/testify@v1.8.4 :1",
            "Go golang.org/x/net@v0.12.0 :3",
            "Go golang.org/x/net@v0.17.0 :5");
  }

  @Test
  void otherFilesAreNotRead() {
    assertThat(Lockfiles.isLockfile("src/App.java")).isFalse();
    assertThat(Lockfiles.isLockfile("a/b/requirements-dev.txt")).isTrue();
    assertThat(Lockfiles.isLockfile("package.json")).as("a manifest of ranges, not pins").isFalse();
  }

  ParsedFile parse(String fixture) {
    return lockfiles.parse(new SourceFile("repo/" + fixture, "oid", fixture(fixture)));
  }

  static byte[] fixture(String name) {
    try (InputStream in =
        LockfileParsersTest.class.getResourceAsStream("/deps/lockfiles/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> summary(ParsedFile parsed) {
    assertThat(parsed.skipped()).as("skipped").isEmpty();
    return parsed.dependencies().stream()
        .map(d -> d.ecosystem().osvName() + " " + d.coordinates() + " :" + d.line())
        .toList();
  }
}
