package dev.oncell.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.git.GitCredential;
import dev.oncell.git.GitException;
import dev.oncell.git.RepoUrl;
import java.net.ConnectException;
import java.net.Proxy;
import java.util.Optional;
import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.api.Test;

/** Codes from JGit's messages: statuses are whole numbers, never digits of a port. */
class FailuresTest {

  final RemoteSession session =
      new RemoteSession(
          RepoUrl.parse("http://127.0.0.1:40355/x.git"),
          Optional.of(GitCredential.of("127.0.0.1", "tok-xyz")),
          Proxy.NO_PROXY);

  @Test
  void aPortThatContainsAStatusIsNotThatStatus() {
    assertThat(Failures.status("connect to 127.0.0.1:40355 failed", "403")).isFalse();
    assertThat(Failures.status("http://127.0.0.1:4013/x: error", "401")).isFalse();
    assertThat(Failures.status("server answered 403 forbidden", "403")).isTrue();
    GitException e =
        Failures.map(
            "fetch from",
            session,
            new TransportException(
                "http://127.0.0.1:40355/x.git: connection failed",
                new ConnectException("Connection refused")));
    assertThat(e.code()).isEqualTo("git_unreachable");
  }

  @Test
  void anEchoedTokenIsCutFromTheMessageAndTheCauseDropped() {
    GitException e =
        Failures.map(
            "fetch from", session, new TransportException("remote said: bad token tok-xyz (403)"));
    assertThat(e.code()).isEqualTo("git_auth_failed");
    assertThat(e.getMessage()).doesNotContain("tok-xyz").contains("***");
    assertThat(e.getCause()).isNull();
  }
}
