package dev.oncell.git.internal;

import dev.oncell.git.GitException;
import dev.oncell.git.GitException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit and the JDK throw into a {@link GitException} with a stable code. The message
 * names the operation and the remote's URL (which holds no credential); the token, should a remote
 * echo it, is cut out, and a cause whose messages contain it is not attached.
 */
final class Failures {

  private Failures() {}

  static GitException map(String operation, RemoteSession session, Throwable failure) {
    if (failure instanceof GitException g) {
      return g;
    }
    String where = operation + " " + session.url();
    if (session.refusal().isPresent()) {
      return new GitException(
          Kind.REFUSED,
          "egress_refused",
          where + ": the cell's egress rules refuse " + scrub(session, session.refusal().get()));
    }
    List<Throwable> chain = chain(failure);
    String detail = scrub(session, describe(chain));
    Throwable cause = containsToken(session, chain) ? null : failure;
    String text = detail.toLowerCase(Locale.ROOT);
    for (Throwable t : chain) {
      if (t instanceof NoRemoteRepositoryException) {
        return new GitException(
            Kind.NOT_FOUND,
            "git_not_found",
            where + ": no such repository (" + detail + ")",
            cause);
      }
    }
    boolean unreachable = session.proxyFailure().isPresent();
    for (Throwable t : chain) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        unreachable = true;
      }
    }
    if (unreachable) {
      return unreachable(where, detail, cause);
    }
    if (text.contains("not authorized")
        || text.contains("authentication is required")
        || text.contains("authentication not supported")
        || text.contains("not permitted")
        || status(text, "401")
        || status(text, "403")) {
      return new GitException(
          Kind.REFUSED,
          "git_auth_failed",
          where + ": the remote refused the credential (" + detail + ")",
          cause);
    }
    if (text.contains("not found") || status(text, "404")) {
      return new GitException(
          Kind.NOT_FOUND, "git_not_found", where + ": no such repository (" + detail + ")", cause);
    }
    if (text.contains("unable to tunnel")
        || status(text, "502")
        || status(text, "503")
        || status(text, "504")
        || text.contains("connection refused")
        || text.contains("connection reset")) {
      return unreachable(where, detail, cause);
    }
    return new GitException(Kind.INTERNAL, "git_failed", where + " failed: " + detail, cause);
  }

  private static GitException unreachable(String where, String detail, Throwable cause) {
    return new GitException(
        Kind.UNAVAILABLE,
        "git_unreachable",
        where + ": the remote cannot be reached (" + detail + ")",
        cause);
  }

  /** An HTTP status in a message: the number alone, not part of a port or another number. */
  static boolean status(String text, String code) {
    return Pattern.compile("(?<![:\\d.])" + code + "(?![\\d.])").matcher(text).find();
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = failure;
        t != null && out.size() < 16 && !out.contains(t);
        t = t.getCause()) {
      out.add(t);
    }
    return out;
  }

  private static String describe(List<Throwable> chain) {
    StringBuilder b = new StringBuilder();
    for (Throwable t : chain) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (b.indexOf(m) >= 0) {
        continue;
      }
      if (!b.isEmpty()) {
        b.append(": ");
      }
      b.append(m);
    }
    return b.toString().replaceAll("[\\r\\n]+", " ");
  }

  private static boolean containsToken(RemoteSession session, List<Throwable> chain) {
    if (session.credential().isEmpty()) {
      return false;
    }
    String token = session.credential().get().token();
    for (Throwable t : chain) {
      if (t.getMessage() != null && t.getMessage().contains(token)) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (s.getMessage() != null && s.getMessage().contains(token)) {
          return true;
        }
      }
    }
    return false;
  }

  static String scrub(RemoteSession session, String text) {
    if (session.credential().isEmpty()) {
      return text;
    }
    return text.replace(session.credential().get().token(), "***");
  }
}
