package dev.oncell.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;

/**
 * One JGit HTTP request, made by the JDK through the session's proxy (never a proxy JGit chose from
 * the global {@code ProxySelector}), with no JDK authenticator (a global {@code Authenticator}
 * never answers for it), an {@code Authorization} header only for the credential's own host, and
 * the egress proxy's refusal recognised.
 */
final class ProxiedHttpConnection implements HttpConnection {

  /** The first words of every answer of oncell's egress proxy (and of the test proxy). */
  static final String EGRESS_MARKER = "oncell egress proxy:";

  private static final Authenticator NO_AUTHENTICATOR = new Authenticator() {};

  private final HttpURLConnection c;
  private final RemoteSession session;

  ProxiedHttpConnection(URL url, Proxy proxy, RemoteSession session) throws IOException {
    this.session = session;
    session.checkTarget(url);
    this.c = (HttpURLConnection) url.openConnection(proxy);
    c.setAuthenticator(NO_AUTHENTICATOR);
  }

  private boolean viaProxy() {
    return session.proxy().type() != Proxy.Type.DIRECT;
  }

  /** A failed CONNECT through the proxy: the JDK says so only in the message. */
  private IOException tunnelFailure(IOException e) {
    String m = e.getMessage();
    if (viaProxy() && m != null && m.startsWith("Unable to tunnel through proxy")) {
      if (m.contains(" 403") || m.contains(" 400")) {
        session.refused(c.getURL(), m);
        return new EgressRefusedException(m);
      }
      session.proxyFailed(m);
    }
    return e;
  }

  @Override
  public int getResponseCode() throws IOException {
    int code;
    try {
      code = c.getResponseCode();
    } catch (IOException e) {
      throw tunnelFailure(e);
    }
    if (viaProxy() && (code == 403 || code == 400) && "http".equals(c.getURL().getProtocol())) {
      String body = errorPrefix();
      if (body.startsWith(EGRESS_MARKER)) {
        session.refused(c.getURL(), body);
        throw new EgressRefusedException(body);
      }
    }
    if (viaProxy() && (code == 502 || code == 504) && "http".equals(c.getURL().getProtocol())) {
      String body = errorPrefix();
      if (body.startsWith(EGRESS_MARKER)) {
        session.proxyFailed(body);
      }
    }
    return code;
  }

  private String errorPrefix() {
    try (InputStream err = c.getErrorStream()) {
      if (err == null) {
        return "";
      }
      return new String(err.readNBytes(512), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public URL getURL() {
    return c.getURL();
  }

  @Override
  public String getResponseMessage() throws IOException {
    return c.getResponseMessage();
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    return c.getHeaderFields();
  }

  @Override
  public void setRequestProperty(String key, String value) {
    if (key.equalsIgnoreCase("Proxy-Authorization")) {
      return;
    }
    if (key.equalsIgnoreCase("Authorization") && !session.mayAuthorize(c.getURL())) {
      session.withheld(c.getURL());
      return;
    }
    c.setRequestProperty(key, value);
  }

  @Override
  public void setRequestMethod(String method) throws ProtocolException {
    c.setRequestMethod(method);
  }

  @Override
  public void setUseCaches(boolean usecaches) {
    c.setUseCaches(usecaches);
  }

  @Override
  public void setConnectTimeout(int timeout) {
    c.setConnectTimeout(timeout);
  }

  @Override
  public void setReadTimeout(int timeout) {
    c.setReadTimeout(timeout);
  }

  @Override
  public String getContentType() {
    return c.getContentType();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    try {
      return c.getInputStream();
    } catch (IOException e) {
      throw tunnelFailure(e);
    }
  }

  @Override
  public String getHeaderField(String name) {
    return c.getHeaderField(name);
  }

  @Override
  public List<String> getHeaderFields(String name) {
    List<String> values = c.getHeaderFields().get(name);
    if (values != null) {
      return values;
    }
    for (Map.Entry<String, List<String>> e : c.getHeaderFields().entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  @Override
  public int getContentLength() {
    return c.getContentLength();
  }

  @Override
  public void setInstanceFollowRedirects(boolean followRedirects) {
    // JGit follows redirects itself (each one a new request, checked again); the JDK never does.
    c.setInstanceFollowRedirects(false);
  }

  @Override
  public void setDoOutput(boolean dooutput) {
    c.setDoOutput(dooutput);
  }

  @Override
  public void setFixedLengthStreamingMode(int contentLength) {
    c.setFixedLengthStreamingMode(contentLength);
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    try {
      return c.getOutputStream();
    } catch (IOException e) {
      throw tunnelFailure(e);
    }
  }

  @Override
  public void setChunkedStreamingMode(int chunklen) {
    c.setChunkedStreamingMode(chunklen);
  }

  @Override
  public String getRequestMethod() {
    return c.getRequestMethod();
  }

  @Override
  public boolean usingProxy() {
    return c.usingProxy();
  }

  @Override
  public void connect() throws IOException {
    try {
      c.connect();
    } catch (IOException e) {
      throw tunnelFailure(e);
    }
  }

  @Override
  public void setHostnameVerifier(HostnameVerifier hostnameverifier) {
    if (c instanceof HttpsURLConnection https) {
      https.setHostnameVerifier(hostnameverifier);
    }
  }

  @Override
  public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
      throws NoSuchAlgorithmException, KeyManagementException {
    if (c instanceof HttpsURLConnection https) {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(km, tm, random);
      https.setSSLSocketFactory(ctx.getSocketFactory());
    }
  }

  /** The egress proxy refused the connection. */
  static final class EgressRefusedException extends IOException {
    EgressRefusedException(String message) {
      super(message);
    }
  }
}
