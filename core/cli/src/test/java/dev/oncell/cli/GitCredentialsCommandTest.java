package dev.oncell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oncell.runtime.GitCredentialInfo;
import dev.oncell.runtime.fixtures.TestHost;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncell git credentials} against a real server: the token goes in on stdin and never comes
 * back out, not even echoed by the command that set it.
 */
class GitCredentialsCommandTest {

  private static final String TOKEN = "ghp_CliT0kenFromStdin8Lw3Qe";

  @RegisterExtension final TestHost oncell = TestHost.create(c -> c.withEmbeddingModel("none"));

  /** The CLI user's home. */
  @TempDir Path tmp;

  private LiveCli cli;

  @BeforeEach
  void start() {
    cli = new LiveCli(oncell, tmp.resolve("user"));
    cli.host.cells().create("acme", JsonNodeFactory.instance.objectNode());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  private static void assertNoToken(LiveCli.Run run) {
    assertThat(run.out()).as("stdout").doesNotContain(TOKEN);
    assertThat(run.err()).as("stderr").doesNotContain(TOKEN);
  }

  @Test
  void setFromStdinListAndDelete() throws Exception {
    LiveCli.Run set =
        cli.withStdin(
            TOKEN + "\n",
            "git",
            "credentials",
            "set",
            "--customer",
            "acme",
            "--host",
            "GitHub.com");
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).contains("Set the git credential of acme for github.com (****w3Qe)");
    assertNoToken(set);

    LiveCli.Run withUser =
        cli.withStdin(
            "glpat-short\r\n",
            "git",
            "credentials",
            "set",
            "-c",
            "acme",
            "--host",
            "gitlab.example.com",
            "--username",
            "oauth2");
    assertThat(withUser.exitCode()).as(withUser.toString()).isZero();
    assertThat(cli.host.gitCredentials().list("acme"))
        .extracting(GitCredentialInfo::host, GitCredentialInfo::username, GitCredentialInfo::hint)
        .containsExactly(
            tuple("github.com", Optional.empty(), "****w3Qe"),
            tuple("gitlab.example.com", Optional.of("oauth2"), "****"));

    LiveCli.Run list = cli.oncell("git", "credentials", "list", "--customer", "acme");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains("HOST")
        .contains("github.com")
        .contains("****w3Qe")
        .contains("oauth2");
    assertNoToken(list);
    LiveCli.Run json = cli.oncell("git", "credentials", "list", "--customer", "acme", "--json");
    JsonNode parsed = new ObjectMapper().readTree(json.out());
    assertThat(parsed.path("credentials")).hasSize(2);
    assertThat(parsed.path("credentials").get(0).path("username").isNull()).isTrue();
    assertThat(json.out()).doesNotContain(TOKEN).doesNotContain("glpat-short");

    LiveCli.Run deleted =
        cli.oncell("git", "credentials", "delete", "--customer", "acme", "--host", "github.com");
    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(deleted.out()).contains("Deleted the git credential of acme for github.com");
    LiveCli.Run again =
        cli.oncell("git", "credentials", "delete", "--customer", "acme", "--host", "github.com");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("(git_credential_not_found)");
    assertThat(cli.host.gitCredentials().list("acme"))
        .extracting(GitCredentialInfo::host)
        .containsExactly("gitlab.example.com");
  }

  @Test
  void badInputIsAClearErrorThatChangesNothingAndShowsNoToken() {
    LiveCli.Run empty =
        cli.oncell("git", "credentials", "set", "--customer", "acme", "--host", "github.com");
    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
    assertThat(empty.err()).contains("stdin").contains("(no_token)");

    LiveCli.Run port =
        cli.withStdin(
            TOKEN, "git", "credentials", "set", "--customer", "acme", "--host", "github.com:443");
    assertThat(port.exitCode()).as(port.toString()).isEqualTo(1);
    assertThat(port.err()).contains("port").contains("(invalid_git_host)");
    assertNoToken(port);

    LiveCli.Run twoLines =
        cli.withStdin(
            TOKEN + "\nsecond line\n",
            "git",
            "credentials",
            "set",
            "--customer",
            "acme",
            "--host",
            "github.com");
    assertThat(twoLines.exitCode()).as(twoLines.toString()).isEqualTo(1);
    assertThat(twoLines.err()).contains("(invalid_git_token)");
    assertNoToken(twoLines);

    LiveCli.Run user =
        cli.withStdin(
            TOKEN,
            "git",
            "credentials",
            "set",
            "--customer",
            "acme",
            "--host",
            "github.com",
            "--username",
            "a:b");
    assertThat(user.err()).contains("(invalid_git_username)");

    LiveCli.Run badId =
        cli.withStdin(
            TOKEN, "git", "credentials", "set", "--customer", "No_Body", "--host", "github.com");
    assertThat(badId.exitCode()).isEqualTo(1);
    assertThat(badId.err()).contains("(invalid_customer_id)");
    assertNoToken(badId);

    LiveCli.Run noHost = cli.withStdin(TOKEN, "git", "credentials", "set", "--customer", "acme");
    assertThat(noHost.exitCode()).as("--host is required").isEqualTo(2);

    assertThat(cli.host.gitCredentials().list("acme")).as("nothing was stored").isEmpty();
  }
}
