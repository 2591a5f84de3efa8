package dev.oncell.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncell.git.GitCredential;
import dev.oncell.git.RepoUrl;
import dev.oncell.git.testing.LoopbackGitServer;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second layer on its own: whatever JGit asks, an Authorization header only reaches the
 * credential's host.
 */
class ProxiedHttpConnectionTest {

  @Test
  void anAuthorizationHeaderForAnotherHostIsDropped(@TempDir Path tmp) throws Exception {
    try (LoopbackGitServer a = LoopbackGitServer.start(tmp.resolve("a"), "t", "127.0.0.1");
        LoopbackGitServer b = LoopbackGitServer.start(tmp.resolve("b"), "t", "127.0.0.2")) {
      RemoteSession session =
          new RemoteSession(
              RepoUrl.parse(a.baseUrl() + "/x.git"),
              Optional.of(GitCredential.of(a.host(), "t")),
              Proxy.NO_PROXY);
      for (LoopbackGitServer server : new LoopbackGitServer[] {a, b}) {
        ProxiedHttpConnection c =
            new ProxiedHttpConnection(
                URI.create(server.baseUrl() + "/x.git/info/refs").toURL(), Proxy.NO_PROXY, session);
        c.setRequestProperty("Authorization", "Basic eDp0");
        c.getResponseCode();
      }
      assertThat(a.requests().get(0).authorization()).contains("Basic eDp0");
      assertThat(b.requests().get(0).authorization()).isEmpty();
      assertThat(session.withheldFrom()).contains(b.host());
    }
  }
}
