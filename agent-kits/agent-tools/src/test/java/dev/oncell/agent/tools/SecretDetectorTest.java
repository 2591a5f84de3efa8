package dev.oncell.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorTest {

  private final SecretDetector detector = SecretDetector.defaults();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws_key = AKIAIOSFODNN7EXAMPLQ",
        "token: ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
        "GITLAB=glpat-Ab12Cd34Ef56Gh78Ij90",
        "slack = 'xoxb-1234567890-abcdefghij'",
        "stripe = sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "OPENAI_API_KEY=sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----",
        "db_password = \"q8Zr2LwX9vKp4TnB7yFh\"",
        "\"apiKey\": \"f3K9s0LqP2xV8mZ1wR7tY4uB\"",
      })
  void findsCredentials(String line) {
    assertThat(detector.scan("config.py", "first line\n" + line + "\n"))
        .as("a secret in: %s", line)
        .singleElement()
        .satisfies(f -> assertThat(f.line()).isEqualTo(2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password = os.environ['DB_PASSWORD']",
        "token = ${GITHUB_TOKEN}",
        "api_key = \"your-api-key-here-1234\"",
        "secret: changeme-changeme-123",
        "password = \"aaaaaaaaaaaaaaaaaaaa1\"",
        "token_count = compute_tokens(text)",
        "auth_header = build_authorization_header(request)",
        "sha = 3f786850e387550fdab836ed7e6dc881de23001b",
        "def get_password(self): return self._password",
        "sk-short",
      })
  void ignoresLookAlikes(String line) {
    assertThat(detector.scan("app.py", line)).as("no secret in: %s", line).isEmpty();
  }

  @Test
  void aFindingNeverHoldsTheWholeSecret() {
    String token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    List<SecretFinding> found = detector.scan("x", "t = \"" + token + "\"");
    assertThat(found)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("github-pat");
              assertThat(f.redacted()).isEqualTo("ghp_…").doesNotContain(token.substring(4));
              assertThat(f.describe()).isEqualTo("x:1 (github-pat)");
            });
  }

  @Test
  void reportsEachLine() {
    String text = "a = AKIAIOSFODNN7EXAMPLQ\nok\nb = AKIAIOSFODNN7EXAMPLR\n";
    assertThat(detector.scan("f", text)).extracting(SecretFinding::line).containsExactly(1, 3);
  }

  @Test
  void entropyTellsRandomFromRepetitive() {
    assertThat(SecretDetector.entropy("aaaaaaaa")).isZero();
    assertThat(SecretDetector.entropy("q8Zr2LwX9vKp4TnB7yFh")).isGreaterThan(4.0);
  }
}
