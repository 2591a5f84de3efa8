package dev.oncell.git.internal;

import dev.oncell.git.GitCredential;
import dev.oncell.git.RepoUrl;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * Everything one operation against one remote needs, set on its own JGit transport (never on JGit's
 * or the JDK's globals, so two cells with different egress rules never meet): the caller's proxy
 * for every request, the credential for its own host only, and a record of what the proxy refused,
 * for {@link Failures}.
 */
final class RemoteSession implements TransportConfigCallback {

  static final int TIMEOUT_SECONDS = 60;

  private final RepoUrl url;
  private final Optional<GitCredential> credential;
  private final Proxy proxy;
  private final AtomicReference<String> refusal = new AtomicReference<>();
  private final AtomicReference<String> proxyFailure = new AtomicReference<>();
  private final AtomicReference<String> withheldFrom = new AtomicReference<>();

  RemoteSession(RepoUrl url, Optional<GitCredential> credential, Proxy proxy) {
    this.url = Objects.requireNonNull(url, "url");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.proxy = Objects.requireNonNull(proxy, "proxy");
  }

  RepoUrl url() {
    return url;
  }

  Proxy proxy() {
    return proxy;
  }

  Optional<GitCredential> credential() {
    return credential;
  }

  Optional<String> refusal() {
    return Optional.ofNullable(refusal.get());
  }

  Optional<String> proxyFailure() {
    return Optional.ofNullable(proxyFailure.get());
  }

  /** The host an Authorization header was kept from, if any (for tests and logs). */
  Optional<String> withheldFrom() {
    return Optional.ofNullable(withheldFrom.get());
  }

  URIish uriish() {
    try {
      return new URIish(url.toString());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("a checked RepoUrl is a URIish", e);
    }
  }

  @Override
  public void configure(Transport transport) {
    if (!(transport instanceof TransportHttp http)) {
      throw new IllegalStateException("only http(s) transports are opened");
    }
    http.setHttpConnectionFactory(new Factory());
    transport.setCredentialsProvider(new HostCredentials());
    transport.setTimeout(TIMEOUT_SECONDS);
  }

  /** Every URL JGit asks for, the first and each redirect: http(s) only, never a downgrade. */
  void checkTarget(URL target) throws IOException {
    String scheme = target.getProtocol();
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IOException("refusing a redirect to a " + scheme + " URL");
    }
    if (url.scheme().equals("https") && scheme.equals("http")) {
      throw new IOException("refusing a redirect from https to http");
    }
  }

  boolean mayAuthorize(URL target) {
    return credential.isPresent() && credential.get().matches(target.getHost());
  }

  void withheld(URL target) {
    withheldFrom.compareAndSet(null, target.getHost());
  }

  void refused(URL target, String why) {
    refusal.compareAndSet(
        null,
        target.getHost()
            + ":"
            + (target.getPort() < 0 ? target.getDefaultPort() : target.getPort())
            + " ("
            + why
            + ")");
  }

  void proxyFailed(String why) {
    proxyFailure.compareAndSet(null, why);
  }

  /** Connections through this session's proxy, whatever proxy JGit would have chosen. */
  private final class Factory implements HttpConnectionFactory {
    @Override
    public HttpConnection create(URL target) throws IOException {
      return new ProxiedHttpConnection(target, proxy, RemoteSession.this);
    }

    @Override
    public HttpConnection create(URL target, Proxy ignored) throws IOException {
      return new ProxiedHttpConnection(target, proxy, RemoteSession.this);
    }
  }

  /** Answers with the credential only for its own host; never asks anyone. */
  private final class HostCredentials extends CredentialsProvider {
    @Override
    public boolean isInteractive() {
      return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
      for (CredentialItem item : items) {
        if (!(item instanceof CredentialItem.Username)
            && !(item instanceof CredentialItem.Password)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
      if (credential.isEmpty() || !credential.get().matches(uri.getHost())) {
        return false;
      }
      GitCredential c = credential.get();
      for (CredentialItem item : items) {
        if (item instanceof CredentialItem.Username u) {
          u.setValue(c.effectiveUsername());
        } else if (item instanceof CredentialItem.Password p) {
          p.setValue(c.token().toCharArray());
        } else {
          throw new UnsupportedCredentialItem(uri, item.getPromptText());
        }
      }
      return true;
    }
  }
}
