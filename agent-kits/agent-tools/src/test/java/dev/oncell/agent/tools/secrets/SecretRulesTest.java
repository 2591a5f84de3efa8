package dev.oncell.agent.tools.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gitleaks format: parsing, its semantics, Go regex syntax, bad files and time bounds. */
class SecretRulesTest {

  private static SecretScanner scanner(String toml) {
    return new SecretScanner(
        SecretRules.parse(toml, "rules.toml"), SecretScanner.Limits.defaults());
  }

  private static java.util.List<Leak> scan(String toml, String path, String text) {
    return scanner(toml).scan(path, text, Optional.empty()).leaks();
  }

  @Test
  void aRuleFindsItsSecretGroupWithKeywordsEntropyAndPath() {
    String toml =
        """
        [[rules]]
        id = "acme-key"
        description = "Acme key"
        regex = '''acme_key\\s*=\\s*"?(?P<key>[a-z0-9]{12})'''
        secretGroup = 1
        entropy = 2.5
        keywords = ["ACME_KEY"]
        path = '''\\.env$'''
        tags = ["acme"]
        """;
    String text = "x=1\nacme_key = \"k3j8f02mz9q1\"\n";
    assertThat(scan(toml, "prod.env", text))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.ruleId()).isEqualTo("acme-key");
              assertThat(l.line()).isEqualTo(2);
              assertThat(l.redacted()).isEqualTo("k3j8…");
              assertThat(l.snippet()).isEqualTo("acme_key = \"k3j8…\"").doesNotContain("f02mz");
              assertThat(l.gitleaksFingerprint()).isEqualTo("prod.env:acme-key:2");
              assertThat(l.tags()).containsExactly("acme");
            });
    assertThat(scan(toml, "prod.txt", text)).as("path does not match").isEmpty();
    assertThat(scan(toml, "prod.env", "acme_key = aaaaaaaaaaaa")).as("low entropy").isEmpty();
    assertThat(scan(toml, "prod.env", "ACME = k3j8f02mz9q1")).as("no keyword").isEmpty();
  }

  @Test
  void allowListsFollowGitleaks() {
    String base =
        """
        [[rules]]
        id = "tok"
        regex = '''tok_[a-z0-9]{8}'''
        """;
    String text = "a = tok_abcd1234 # fake\n";
    assertThat(scan(base + "[[rules.allowlists]]\nstopwords = [\"ABCD\"]\n", "f", text)).isEmpty();
    assertThat(scan(base + "[[rules.allowlists]]\nregexes = ['''fake''']\n", "f", text))
        .as("regexTarget secret (default): the secret has no 'fake'")
        .hasSize(1);
    assertThat(
            scan(
                base + "[[rules.allowlists]]\nregexTarget = \"line\"\nregexes = ['''fake''']\n",
                "f",
                text))
        .isEmpty();
    assertThat(
            scan(
                base
                    + "[[rules.allowlists]]\ncondition = \"AND\"\npaths = ['''^test/''']\n"
                    + "stopwords = [\"abcd\"]\n",
                "src/f",
                text))
        .as("AND: the path does not match")
        .hasSize(1);
    assertThat(scan(base + "[rules.allowlist]\npaths = ['''^f$''']\n", "f", text))
        .as("the older single allowlist table")
        .isEmpty();
    assertThat(scan(base + "[allowlist]\npaths = ['''^f$''']\n", "f", text)).as("global").isEmpty();
    assertThat(
            scan(
                base + "[[allowlists]]\ntargetRules = [\"other\"]\nstopwords = [\"abcd\"]\n",
                "f",
                text))
        .as("a global allowlist for another rule")
        .hasSize(1);
    assertThat(
            scanner(base + "[[rules.allowlists]]\ncommits = [\"c0ffee\"]\n")
                .scan("f", text, Optional.of("c0ffee"))
                .leaks())
        .isEmpty();
    assertThat(scan(base, "f", "a = tok_abcd1234 // gitleaks:allow\n")).isEmpty();
  }

  @Test
  void extendingTheDefaultsKeepsTheShippedRules() {
    SecretRules rules =
        SecretRules.parse(
            """
            [extend]
            useDefault = true
            disabledRules = ["jwt"]
            [[rules]]
            id = "acme"
            regex = '''acme_[0-9]{6}'''
            """,
            "rules.toml");
    assertThat(rules.rules()).extracting(SecretRule::id).contains("acme", "github-pat");
    assertThat(rules.rules()).extracting(SecretRule::id).doesNotContain("jwt");
  }

  @Test
  void goSyntaxIsTranslated() {
    assertThat(GoRegex.toJava("(?P<x>[[:alnum:]_-]+)")).isEqualTo("(?<x>[\\p{Alnum}_-]+)");
    assertThat(GoRegex.toJava("[[:^digit:]]")).isEqualTo("[\\P{Digit}]");
    assertThat(GoRegex.compile("[a[]+").matcher("a[a").matches()).as("[ in a class").isTrue();
    assertThat(GoRegex.compile("[a&&b]+").matcher("a&b").matches()).as("&& in a class").isTrue();
    assertThat(GoRegex.compile("[]a]+").matcher("]a").matches()).isTrue();
    assertThatThrownBy(() -> GoRegex.compile("(?U)a+")).hasMessageContaining("(?U)");
  }

  @Test
  void aBadFileIsRefusedWholeNamingTheLineAndTheRule() {
    String toml =
        """
        title = "mine"

        [[rules]]
        id = "good"
        regex = '''good_[0-9]+'''

        [[rules]]
        id = "broken"
        regex = '''(unclosed'''
        """;
    assertThatThrownBy(() -> SecretRules.parse(toml, "mine.toml"))
        .isInstanceOf(SecretRulesException.class)
        .hasMessageStartingWith("mine.toml:8: rule broken: invalid regular expression");
    assertThatThrownBy(() -> SecretRules.parse("[[rules]]\nid = \"a\"\nregex = 'x\n", "t.toml"))
        .hasMessageStartingWith("t.toml:3: not valid TOML");
    assertThatThrownBy(
            () -> SecretRules.parse("[[rules]]\nid = \"a\"\nregex = 'x'\nsecretgroup = 1\n", "t"))
        .hasMessageContaining("rule a: unknown key 'secretgroup'");
    assertThatThrownBy(() -> SecretRules.parse("[[rules]]\nid = \"a\"\n", "t"))
        .hasMessageContaining("rule a: rule a has neither a regex nor a path");
    assertThatThrownBy(
            () -> SecretRules.parse("[[rules]]\nid = \"a\"\nregex = 'x'\nsecretGroup = 2\n", "t"))
        .hasMessageContaining("secretGroup 2 but the regex has 0 groups");
    assertThatThrownBy(
            () ->
                SecretRules.parse(
                    "[[rules]]\nid = \"a\"\nregex = 'x'\n[[rules]]\nid = \"a\"\nregex = 'y'\n",
                    "t"))
        .hasMessageContaining("two rules have the id a");
    assertThatThrownBy(
            () ->
                SecretRules.parse(
                    "[[rules]]\nid = \"a\"\nregex = 'x'\n[[rules.allowlists]]\ncondition = \"XOR\"\n",
                    "t"))
        .hasMessageContaining("condition is OR or AND");
  }

  @Test
  void aCatastrophicRegexOnAHostileFileIsSkippedInBoundedTime() {
    SecretScanner slow =
        new SecretScanner(
            SecretRules.parse("[[rules]]\nid = \"redos\"\nregex = '''(a+)+$'''\n", "t"),
            new SecretScanner.Limits(1 << 20, Duration.ofMillis(100)));
    String hostile = "a".repeat(40_000) + "!";
    SecretScanner.Result result = slow.scan("evil.txt", hostile, Optional.empty());
    assertThat(result.leaks()).isEmpty();
    assertThat(result.skipped())
        .singleElement()
        .asString()
        .contains("evil.txt: rule redos skipped: its regex ran past 100 ms");
  }

  @Test
  void largeAndBinaryFilesAreSkippedAndSaidSo() {
    SecretScanner small =
        new SecretScanner(
            SecretRules.builtin(), new SecretScanner.Limits(100, Duration.ofSeconds(1)));
    assertThat(small.scan("big.txt", "x".repeat(101), Optional.empty()).skipped())
        .containsExactly("big.txt: skipped: too large (101 characters)");
    assertThat(
            SecretScanner.defaults()
                .scan("a.bin", "\0\0ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", Optional.empty())
                .skipped())
        .containsExactly("a.bin: skipped: binary");
  }

  @Test
  void aSnippetHidesEverySecretOnItsLine() {
    String aws = "AKIA" + "Q3DRZ7KLMN2PWX4T";
    String github = "ghp_" + "53X83RZJzzzzgEOzdmenCkhvMdgaKjIg8xNb";
    var leaks =
        SecretScanner.defaults()
            .scan("x.env", "K=" + aws + " T=" + github + "\n", Optional.empty())
            .leaks();
    assertThat(leaks).hasSize(2);
    for (Leak l : leaks) {
      assertThat(l.snippet()).isEqualTo("K=AKIA… T=ghp_…");
    }
  }

  @Test
  void aGenericFindingYieldsToASpecificOneOnTheSameLine() {
    assertThat(
            SecretScanner.defaults()
                .scan(
                    "c.py",
                    "GITHUB_TOKEN = \"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\"\n",
                    Optional.empty())
                .leaks())
        .extracting(Leak::ruleId)
        .containsExactly("github-pat");
  }
}
