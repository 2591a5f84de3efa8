package dev.oncell.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.agent.ErrorKind;
import dev.oncell.git.GitCredential;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.GitCredentialInfo;
import dev.oncell.runtime.GitCredentials;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.fixtures.TestHost;
import dev.oncell.runtime.internal.DefaultHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customers' git credentials in the control plane: sealed with the secrets' key, listed by hint,
 * per host, gone with their customer, and every bad input refused with nothing changed.
 */
class GitCredentialStoreTest {

  private static final String TOKEN = "ghp_T0kenForAcme7Qx2Lm9Zr4Wv";
  private static final String OTHER_TOKEN = "glpat-OtherT0ken-5kJ8pQ1n";

  /** A clock the tests move forward. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T10:00:00.123456Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();

  @RegisterExtension
  final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none").withClock(clock));

  private final Path home = oncell.home();
  private Host host;

  @BeforeEach
  void open() {
    host = oncell.open();
    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    host.cells().create("beta", JsonNodeFactory.instance.objectNode());
  }

  private GitCredentials credentials() {
    return host.gitCredentials();
  }

  private Optional<GitCredential> find(String customer, String gitHost) {
    return ((DefaultHost) host).gitCredentials().find(customer, gitHost);
  }

  /** Every file under ONCELL_HOME that holds {@code needle} (bytes as Latin-1, so any sequence). */
  private List<String> filesContaining(String needle) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (content.contains(needle)
            || content.contains(
                new String(
                    needle.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1))) {
          found.add(home.relativize(f).toString());
        }
      }
    }
    return found;
  }

  @Test
  void aTokenIsSealedAtRestListedByHintAndFoundForItsCustomerAndHostOnly() throws Exception {
    GitCredentialInfo set =
        credentials().set("acme", "GitHub.com", Optional.of("x-access-token"), TOKEN);
    credentials().set("acme", "gitlab.example.com", Optional.empty(), "short-tok");

    assertThat(set.host()).as("hosts are stored lower-cased").isEqualTo("github.com");
    assertThat(set.hint()).isEqualTo("****r4Wv");
    assertThat(set.toString()).doesNotContain(TOKEN);
    assertThat(credentials().list("acme"))
        .as("sorted by host, with hints only")
        .extracting(GitCredentialInfo::host, GitCredentialInfo::username, GitCredentialInfo::hint)
        .containsExactly(
            tuple("github.com", Optional.of("x-access-token"), "****r4Wv"),
            tuple("gitlab.example.com", Optional.empty(), "****"));
    assertThat(credentials().list("acme").getFirst()).isEqualTo(set);
    assertThat(credentials().list("beta")).isEmpty();

    assertThat(find("acme", "github.com"))
        .hasValue(new GitCredential("github.com", Optional.of("x-access-token"), TOKEN));
    assertThat(find("acme", "GITHUB.COM")).as("a URL's host, any case").isPresent();
    assertThat(find("beta", "github.com")).as("another customer's").isEmpty();
    assertThat(find("acme", "api.github.com")).as("another host, even a sub-domain").isEmpty();
    assertThat(find("acme", "github.com:443")).as("not a host").isEmpty();
    assertThat(find("nobody", "github.com")).isEmpty();

    assertThat(filesContaining(TOKEN)).as("no file holds the token while the host runs").isEmpty();
    oncell.stop();
    assertThat(filesContaining(TOKEN)).as("nor after it closed its databases").isEmpty();
    assertThat(filesContaining("short-tok")).isEmpty();
    assertThat(Files.size(home.resolve(AtRestCipher.KEY_FILE)))
        .as("the secrets' key file seals the tokens too")
        .isEqualTo(32);

    host = oncell.open();
    assertThat(credentials().list("acme"))
        .extracting(GitCredentialInfo::hint)
        .containsExactly("****r4Wv", "****");
    assertThat(find("acme", "github.com").orElseThrow().token()).isEqualTo(TOKEN);
  }

  @Test
  void secretsAndGitCredentialsShareOneKeyAndNeitherCiphertextOpensAsTheOther() throws Exception {
    host.secrets().set("OPENAI_API_KEY", "sk-secret-value-1234");
    credentials().set("acme", "github.com", Optional.empty(), TOKEN);
    credentials().set("beta", "github.com", Optional.empty(), OTHER_TOKEN);

    // An attacker with write access to the database copies acme's ciphertext onto beta's row.
    try (Connection c = ((DefaultHost) host).controlPlane().connection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE git_credentials SET (nonce, ciphertext) = (SELECT nonce, ciphertext FROM"
                    + " git_credentials WHERE customer_id = 'acme') WHERE customer_id = 'beta'")) {
      s.executeUpdate();
    }
    assertThatThrownBy(() -> find("beta", "github.com"))
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("git_credential_undecryptable");
              assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(OTHER_TOKEN);
            });
    assertThat(credentials().list("beta"))
        .extracting(GitCredentialInfo::hint)
        .containsExactly("(cannot be decrypted)");
    assertThat(find("acme", "github.com").orElseThrow().token()).isEqualTo(TOKEN);
    assertThat(host.secrets().list()).extracting(s -> s.hint()).containsExactly("****1234");
  }

  @Test
  void settingAgainReplacesTheTokenAndMovesOnlyUpdatedAt() {
    GitCredentialInfo first = credentials().set("acme", "github.com", Optional.empty(), TOKEN);
    clock.advance(Duration.ofMinutes(5));
    GitCredentialInfo second =
        credentials().set("acme", "github.com", Optional.of("bot"), OTHER_TOKEN);

    assertThat(second.createdAt()).isEqualTo(first.createdAt());
    assertThat(second.updatedAt()).isEqualTo(first.updatedAt().plus(Duration.ofMinutes(5)));
    assertThat(credentials().list("acme")).containsExactly(second);
    assertThat(find("acme", "github.com"))
        .hasValue(new GitCredential("github.com", Optional.of("bot"), OTHER_TOKEN));
  }

  @Test
  void hostsAreNamesOrAddressesWithoutPortSchemePathOrUser() {
    for (String ok :
        List.of("localhost", "git.example.com", "a-b.c0.example", "10.0.0.7", "127.0.0.1")) {
      assertThat(credentials().set("acme", ok, Optional.empty(), TOKEN).host()).isEqualTo(ok);
    }
    assertThat(credentials().set("acme", "::1", Optional.empty(), TOKEN).host())
        .as("an IPv6 address as a URL shows it")
        .isEqualTo("[::1]");
    assertThat(credentials().set("acme", "[FE80::2]", Optional.empty(), TOKEN).host())
        .isEqualTo("[fe80::2]");
    assertThat(find("acme", "[::1]")).isPresent();
    assertThat(find("acme", "::1")).isPresent();
  }

  @Test
  void badInputsAreRefusedWithAClearCodeAndChangeNothing() {
    credentials().set("acme", "github.com", Optional.of("bot"), TOKEN);
    List<GitCredentialInfo> before = credentials().list("acme");

    List<String> badHosts =
        List.of(
            "",
            "https://github.com",
            "github.com:443",
            "github.com/org/repo",
            "x-access-token:" + OTHER_TOKEN + "@github.com",
            OTHER_TOKEN + "@github.com",
            "github.com.",
            "-github.com",
            "git hub.com",
            "git_hub.com",
            "bücher.example",
            "1.2.3",
            "256.1.1.1",
            "[::1]:8080",
            "fe80::1%eth0",
            "a".repeat(64) + ".com",
            "github.com?x=1",
            "github.com\n",
            "[github.com]");
    for (String bad : badHosts) {
      assertRefused(
          () -> credentials().set("acme", bad, Optional.empty(), OTHER_TOKEN),
          "invalid_git_host",
          bad);
    }
    List<String> badTokens =
        List.of(
            "",
            "x".repeat(GitCredentials.MAX_TOKEN_LENGTH + 1),
            OTHER_TOKEN + "\n",
            "two words",
            "tab\there",
            "nul\0byte",
            "nbsp\u00a0inside",
            "zero\u200bwidth");
    for (String bad : badTokens) {
      assertRefused(
          () -> credentials().set("acme", "github.com", Optional.empty(), bad),
          "invalid_git_token",
          bad);
    }
    for (String bad : List.of("", " ", "user:pass", "new\nline", "x".repeat(257))) {
      assertRefused(
          () -> credentials().set("acme", "github.com", Optional.of(bad), OTHER_TOKEN),
          "invalid_git_username",
          bad);
    }
    assertThat(credentials().set("acme", "h.example", Optional.empty(), "t".repeat(4096)).hint())
        .as("the longest token is accepted")
        .isEqualTo("****tttt");
    credentials().delete("acme", "h.example");

    assertThat(credentials().list("acme")).as("nothing changed").isEqualTo(before);
    assertThat(find("acme", "github.com").orElseThrow().token()).isEqualTo(TOKEN);
  }

  @Test
  void aCredentialMayPrecedeItsCustomerButNeedsAValidId() throws Exception {
    assertThat(credentials().list("newcomer")).isEmpty();
    assertThat(credentials().delete("newcomer", "github.com")).isFalse();
    credentials().set("newcomer", "github.com", Optional.empty(), TOKEN);
    assertThat(find("newcomer", "github.com").orElseThrow().token()).isEqualTo(TOKEN);
    int rows = rows();
    for (Runnable call :
        List.<Runnable>of(
            () -> credentials().set("No Body", "github.com", Optional.empty(), TOKEN),
            () -> credentials().list("../acme"),
            () -> credentials().delete("", "github.com"))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              CellException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_customer_id");
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              });
    }
    assertThat(rows()).isEqualTo(rows);
  }

  @Test
  void deleteRemovesOneHostAndSaysWhetherThereWasOne() {
    credentials().set("acme", "github.com", Optional.empty(), TOKEN);
    credentials().set("acme", "gitlab.com", Optional.empty(), OTHER_TOKEN);

    assertThat(credentials().delete("acme", "GITHUB.com")).isTrue();
    assertThat(credentials().delete("acme", "github.com")).isFalse();
    assertThat(credentials().list("acme"))
        .extracting(GitCredentialInfo::host)
        .containsExactly("gitlab.com");
    assertRefused(() -> credentials().delete("acme", "gitlab.com:22"), "invalid_git_host", "");
    assertThat(credentials().list("acme")).hasSize(1);
  }

  @Test
  void deletingACustomerDeletesItsCredentialsAndANewCustomerOfThatIdHasNone() throws Exception {
    credentials().set("acme", "github.com", Optional.empty(), TOKEN);
    credentials().set("acme", "gitlab.com", Optional.empty(), OTHER_TOKEN);
    credentials().set("beta", "github.com", Optional.empty(), OTHER_TOKEN);

    host.cells().delete("acme");
    assertThat(rows("acme")).as("in the control plane itself").isZero();
    assertThat(find("acme", "github.com")).isEmpty();

    host.cells().create("acme", JsonNodeFactory.instance.objectNode());
    assertThat(credentials().list("acme")).as("a new customer starts with none").isEmpty();
    assertThat(find("acme", "github.com")).isEmpty();
    assertThat(credentials().list("beta")).hasSize(1);

    oncell.stop();
    host = oncell.open();
    assertThat(find("acme", "github.com")).as("after a restart too").isEmpty();
    assertThat(find("beta", "github.com")).isPresent();
  }

  private void assertRefused(Runnable call, String code, String input) {
    assertThatThrownBy(call::run)
        .as("input %s", input.length() > 40 ? input.substring(0, 40) + "..." : input)
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
              assertThat(e.getMessage())
                  .as("the message never repeats what was given")
                  .doesNotContain(OTHER_TOKEN)
                  .doesNotContain(TOKEN);
            });
  }

  private int rows() throws Exception {
    return count("SELECT COUNT(*) FROM git_credentials", Optional.empty());
  }

  private int rows(String customer) throws Exception {
    return count(
        "SELECT COUNT(*) FROM git_credentials WHERE customer_id = ?", Optional.of(customer));
  }

  private int count(String sql, Optional<String> customer) throws Exception {
    try (Connection c = ((DefaultHost) host).controlPlane().connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (customer.isPresent()) {
        s.setString(1, customer.get());
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
