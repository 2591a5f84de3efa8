package dev.oncell.sandbox.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import dev.oncell.sandbox.InternalService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests through a real egress proxy to a service the host answers in-process. */
class InternalServiceTest {

  @TempDir Path tmp;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<InternalService.Request> seen = new CopyOnWriteArrayList<>();
  private EgressProxy proxy;

  /** Echoes the method, path, query, one header and the body it read. */
  private final InternalService echo =
      (request, response) -> {
        seen.add(request);
        String body = new String(request.body().readAllBytes(), StandardCharsets.UTF_8);
        byte[] answer =
            (request.method()
                    + " "
                    + request.path()
                    + "?"
                    + request.query()
                    + " git-protocol="
                    + request.header("Git-Protocol").orElse("-")
                    + " body="
                    + body)
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = response.start(200, Map.of("Content-Type", "text/plain"));
        out.write(answer);
      };

  @BeforeEach
  void start() {
    proxy =
        EgressProxy.start(
            tmp.resolve("egress.sock"),
            EgressPolicy.allowing(List.of("example.test")),
            log::add,
            Map.of(
                "git.oncell.internal",
                echo,
                "broken.oncell.internal",
                (request, response) -> {
                  throw new IllegalStateException("secret detail");
                }));
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void aPlainRequestReachesTheServiceWithItsBody() throws IOException {
    String answer =
        exchange(
            "POST http://git.oncell.internal/repo.git/git-upload-pack?x=1 HTTP/1.1\r\n"
                + "Host: git.oncell.internal\r\nGit-Protocol: version=2\r\n"
                + "Proxy-Connection: keep-alive\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(answer)
        .startsWith("HTTP/1.1 200")
        .contains("Connection: close")
        .endsWith("POST /repo.git/git-upload-pack?x=1 git-protocol=version=2 body=hello");
    assertThat(seen.getFirst().headers())
        .noneMatch(f -> f.name().equalsIgnoreCase("proxy-connection"));
    assertThat(log).anyMatch(l -> l.contains("decision=internal") && l.contains("status=200"));
  }

  @Test
  void aChunkedBodyIsDecodedForTheService() throws IOException {
    String answer =
        exchange(
            "POST http://git.oncell.internal/r HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                + "Expect: 100-continue\r\n\r\n"
                + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 100 Continue").contains("HTTP/1.1 200");
    assertThat(answer).endsWith("body=abcdefg");
  }

  @Test
  void anUnknownInternalNameIsRefusedAndNothingIsResolved() throws IOException {
    assertThat(exchange("GET http://other.oncell.internal/ HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403")
        .contains("no such service");
    assertThat(exchange("GET http://git.oncell.internal:8080/ HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(exchange("CONNECT git.oncell.internal:443 HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403")
        .contains("plain http://");
    assertThat(seen).isEmpty();
    assertThat(log).anyMatch(l -> l.contains("reason=no_internal_service"));
  }

  @Test
  void aFailingServiceAnswers500WithoutItsMessage() throws IOException {
    String answer = exchange("GET http://broken.oncell.internal/ HTTP/1.1\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 500").doesNotContain("secret detail");
  }

  @Test
  void serviceNamesOutsideTheDomainAreRefusedAtStart() {
    assertThatThrownBy(
            () ->
                EgressProxy.start(
                    tmp.resolve("other.sock"),
                    EgressPolicy.allowing(List.of("example.test")),
                    log::add,
                    Map.of("git.example.com", echo)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oncell.internal");
    assertThat(InternalService.isInternalName("git.oncell.internal")).isTrue();
    assertThat(InternalService.isInternalName("oncell.internal")).isFalse();
    assertThat(InternalService.isInternalName("Git.oncell.internal")).isFalse();
  }

  private String exchange(String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(proxy.socket()))) {
      Channels.newOutputStream(channel).write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
