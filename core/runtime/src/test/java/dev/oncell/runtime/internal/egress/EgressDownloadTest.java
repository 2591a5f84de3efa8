package dev.oncell.runtime.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS downloads through a real egress proxy: CONNECT, then TLS over the tunnel with the host name
 * checked against the certificate. The origin is a loopback HTTPS server with a certificate made by
 * {@code keytool} for 127.0.0.1 only, which the client is told to trust.
 */
class EgressDownloadTest {

  @TempDir Path tmp;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private HttpsServer origin;
  private EgressProxy proxy;
  private SSLContext clientTls;
  private int port;

  @BeforeEach
  void start() throws Exception {
    Path keystore = tmp.resolve("origin.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "origin",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
    keys.init(store, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keys.getKeyManagers(), null, null);
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(store);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trust.getTrustManagers(), null);

    origin = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    origin.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    origin.createContext(
        "/hello",
        exchange -> {
          byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    origin.start();
    port = origin.getAddress().getPort();
    // origin.test resolves to 127.0.0.1 for this proxy only, and is listed: it is allowed, but the
    // certificate does not name it.
    EgressPolicy policy =
        EgressPolicy.allowing(List.of("127.0.0.1", "origin.test"))
            .withResolver(
                host -> {
                  if (host.equals("origin.test")) {
                    return List.of(InetAddress.getByName("127.0.0.1"));
                  }
                  throw new UnknownHostException(host);
                });
    proxy = EgressProxy.start(tmp.resolve("egress.sock"), policy, log::add);
  }

  @AfterEach
  void stop() {
    proxy.close();
    origin.stop(0);
  }

  private EgressDownload download() {
    return new EgressDownload(proxy.socket(), 1 << 20, Duration.ofSeconds(30), clientTls);
  }

  @Test
  void downloadsOverTlsThroughATunnel() throws Exception {
    Path target = tmp.resolve("hello.txt");
    long bytes =
        download().fetch(EgressDownload.parse("https://127.0.0.1:" + port + "/hello"), target);
    assertThat(bytes).isEqualTo(14);
    assertThat(Files.readString(target)).isEqualTo("hello over tls");
    assertThat(log)
        .anyMatch(line -> line.startsWith("egress decision=allowed method=CONNECT host=127.0.0.1"));
  }

  @Test
  void aCertificateThatDoesNotNameTheHostIsRefused() {
    Path target = tmp.resolve("x.txt");
    assertThatThrownBy(
            () ->
                download()
                    .fetch(EgressDownload.parse("https://origin.test:" + port + "/hello"), target))
        .isInstanceOfSatisfying(
            CellException.class,
            e -> {
              assertThat(e.code()).isEqualTo("upload_failed");
              assertThat(e.getMessage()).contains("TLS with origin.test:" + port);
            });
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    EgressDownload withSystemTrust =
        new EgressDownload(proxy.socket(), 1 << 20, Duration.ofSeconds(30), systemTls());
    assertThatThrownBy(
            () ->
                withSystemTrust.fetch(
                    EgressDownload.parse("https://127.0.0.1:" + port + "/hello"),
                    tmp.resolve("x.txt")))
        .isInstanceOfSatisfying(
            CellException.class, e -> assertThat(e.code()).isEqualTo("upload_failed"));
  }

  private static SSLContext systemTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
