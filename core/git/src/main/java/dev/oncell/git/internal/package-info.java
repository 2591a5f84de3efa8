/**
 * How the git engine works: {@code DefaultHostMirror} (a JGit bare repository), {@code
 * RemoteSession} (per-operation transport settings: the caller's proxy through {@code
 * ProxiedHttpConnection}, the credential for its own host), {@code Failures} (JGit's exceptions to
 * codes, token scrubbed) and {@code SmartHttpRelay} (UploadPack/ReceivePack over a request).
 *
 * <p>Invariants: no JGit or JDK global is changed per call (no {@code ProxySelector}, {@code
 * Authenticator} or {@code HttpTransport} connection factory); an {@code Authorization} header is
 * only sent to the credential's host; only repositories opened by {@code HostMirror.open} are read.
 */
package dev.oncell.git.internal;
