package dev.oncell.plugins.security.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lock files a hostile customer controls: each is skipped with its reason, never an exception out
 * of the scan, never a host file read; and randomly damaged copies of every fixture (seed printed)
 * never make a parser throw.
 */
class HostileLockfilesTest {

  static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  private final Lockfiles lockfiles = new Lockfiles(Lockfiles.DEFAULT_MAX_BYTES);

  @Test
  void aFileOverTheLimitIsSkippedAsTooLarge() {
    Lockfiles small = new Lockfiles(1024);
    ParsedFile parsed = small.parse(file("go.sum", "x".repeat(2048)));
    assertThat(parsed.skipped().orElseThrow().reason())
        .isEqualTo("skipped: too large (2048 bytes, the limit is 1024)");
    assertThat(parsed.dependencies()).isEmpty();
  }

  @Test
  void bytesThatAreNotUtf8AreSkipped() {
    ParsedFile parsed =
        lockfiles.parse(
            new SourceFile("yarn.lock", "oid", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}));
    assertThat(parsed.skipped().orElseThrow().reason()).isEqualTo("skipped: not UTF-8 text");
  }

  @Test
  void malformedAndDeeplyNestedJsonIsSkipped() {
    assertThat(reason("package-lock.json", "{\"packages\": {\"node_modules/a\": {\"version\": "))
        .startsWith("skipped: invalid JSON: ");
    assertThat(reason("package-lock.json", "{\"packages\": " + "{\"a\": [".repeat(50_000)))
        .as("Jackson's nesting limit, not a stack overflow")
        .startsWith("skipped: invalid JSON: ");
    assertThat(reason("package-lock.json", "42")).isEqualTo("skipped: not a JSON object");
  }

  @Test
  void deeplyNestedVersion1DependenciesAreSkipped() {
    StringBuilder json = new StringBuilder("{\"dependencies\": ");
    for (int i = 0; i < 60; i++) {
      json.append("{\"a").append(i).append("\": {\"version\": \"1.0.0\", \"dependencies\": ");
    }
    json.append("{}");
    json.append("}}".repeat(60)).append("}");
    assertThat(reason("package-lock.json", json.toString())).startsWith("skipped: ");
  }

  @Test
  void aPomCannotReadHostFilesOrExpandEntities() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>
        <version>&secret;</version></dependency></dependencies></project>
        """;
    ParsedFile parsed = lockfiles.parse(file("pom.xml", xxe));
    assertThat(parsed.toString()).doesNotContain("root:");
    assertThat(parsed.dependencies()).isEmpty();

    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
            + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
            + "]><project><properties><v>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</v></properties></project>";
    ParsedFile bomb = lockfiles.parse(file("pom.xml", laughs));
    assertThat(bomb.dependencies()).isEmpty();
  }

  @Test
  void aGoSumLineThatIsNotModuleVersionHashIsSkippedByLine() {
    assertThat(reason("go.sum", "golang.org/x/net v0.1.0 h1:abc=\nnot a go.sum line\n"))
        .isEqualTo("skipped: line 2 is not 'module version hash'");
  }

  @Test
  void oneHugeLineIsReadInLinearTime() {
    for (String name : List.of("yarn.lock", "pnpm-lock.yaml", "requirements.txt", "poetry.lock")) {
      ParsedFile parsed = lockfiles.parse(file(name, "a@".repeat(2_000_000) + ":\n"));
      assertThat(parsed.dependencies()).as(name).isEmpty();
    }
  }

  @Test
  void damagedFixturesNeverThrow() {
    System.out.println("HostileLockfilesTest seed: -Dtests.seed=" + SEED);
    Random random = new Random(SEED);
    List<String> fixtures =
        List.of(
            "npm-v1/package-lock.json",
            "npm-v3/package-lock.json",
            "pnpm-v5/pnpm-lock.yaml",
            "pnpm-v9/pnpm-lock.yaml",
            "yarn-classic/yarn.lock",
            "yarn-berry/yarn.lock",
            "maven/pom.xml",
            "pip/requirements.txt",
            "poetry/poetry.lock",
            "go/go.sum",
            "cargo/Cargo.lock");
    for (String fixture : fixtures) {
      String text = new String(LockfileParsersTest.fixture(fixture), StandardCharsets.UTF_8);
      for (int round = 0; round < 200; round++) {
        String damaged = damage(text, random);
        ParsedFile parsed = lockfiles.parse(file(fixture, damaged));
        assertThat(parsed).as("%s, seed %d", fixture, SEED).isNotNull();
      }
    }
  }

  private static String damage(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(8);
    String alphabet = "{}[]\":,@/\\\n <>&;=#-_.()'0123456789vV";
    for (int i = 0; i < edits && !s.isEmpty(); i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        case 2 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        default -> s.setLength(at); // truncated
      }
    }
    return s.toString();
  }

  private String reason(String name, String content) {
    return lockfiles.parse(file(name, content)).skipped().orElseThrow().reason();
  }

  private static SourceFile file(String path, String content) {
    return new SourceFile(path, "oid", content.getBytes(StandardCharsets.UTF_8));
  }
}
