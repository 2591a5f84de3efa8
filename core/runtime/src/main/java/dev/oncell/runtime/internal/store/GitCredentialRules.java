package dev.oncell.runtime.internal.store;

import dev.oncell.runtime.CellException;
import dev.oncell.runtime.GitCredentials;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a git credential's host, user name and token may be. Error messages never repeat the input:
 * an operator who pasted a token into the wrong field must not find it in a log or an answer.
 */
final class GitCredentialRules {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final String HOST_FORM =
      "a git host is a DNS name or an IP address, such as github.com, gitlab.example.com or"
          + " 10.0.0.7";

  private GitCredentialRules() {}

  /**
   * The host as stored and looked up: lower-cased, an IPv6 address in brackets (as a URL's host).
   *
   * @throws CellException {@code invalid_git_host}
   */
  static String host(String host) {
    if (host == null || host.isEmpty()) {
      throw invalidHost("the host is missing");
    }
    if (host.length() > 253 + 2) {
      throw invalidHost("the host is longer than 253 characters");
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.contains("://")) {
      throw invalidHost("give the host alone, without a scheme such as https://");
    }
    if (h.contains("@")) {
      throw invalidHost("give the host alone, without a user (the user name is its own field)");
    }
    if (h.contains("/") || h.contains("?") || h.contains("#") || h.contains("\\")) {
      throw invalidHost("give the host alone, without a path");
    }
    if (h.contains(":") || h.startsWith("[")) {
      return ipv6(h);
    }
    if (IPV4.matcher(h).matches()) {
      return h;
    }
    if (h.length() > 253 || h.endsWith(".")) {
      throw invalidHost("the name is longer than 253 characters or ends with a dot");
    }
    String[] labels = h.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw invalidHost(
            "each part of a name is 1 to 63 letters, digits or '-' (not first or last); write an"
                + " international name in its xn-- form");
      }
    }
    if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
      throw invalidHost("it is neither a name nor an IPv4 address (four numbers 0 to 255)");
    }
    return h;
  }

  private static String ipv6(String h) {
    String inner = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    if (inner.contains("[") || inner.contains("]") || inner.contains("%")) {
      throw invalidHost("a port is not accepted (a credential is per host), nor an IPv6 zone");
    }
    try {
      if (inner.contains(":") && InetAddress.ofLiteral(inner) instanceof Inet6Address) {
        return "[" + inner + "]";
      }
    } catch (IllegalArgumentException e) {
      // not an IPv6 address: most likely host:port
    }
    throw invalidHost("a port is not accepted: a credential is per host, whatever the port");
  }

  /**
   * @throws CellException {@code invalid_git_token}
   */
  static void token(String token) {
    if (token == null || token.isEmpty()) {
      throw CellException.invalid("invalid_git_token", "the git credential needs a token");
    }
    if (token.length() > GitCredentials.MAX_TOKEN_LENGTH) {
      throw CellException.invalid(
          "invalid_git_token",
          "the token is longer than " + GitCredentials.MAX_TOKEN_LENGTH + " characters");
    }
    if (token.codePoints().anyMatch(GitCredentialRules::spaceOrControl)) {
      throw CellException.invalid(
          "invalid_git_token",
          "the token has a space, a line break or another control character (a stray newline"
              + " from a file?)");
    }
  }

  /**
   * @throws CellException {@code invalid_git_username}
   */
  static void username(Optional<String> username) {
    if (username.isEmpty()) {
      return;
    }
    String u = username.get();
    if (u.isBlank()) {
      throw CellException.invalid(
          "invalid_git_username", "the user name is empty; leave it out to send the default");
    }
    if (u.length() > GitCredentials.MAX_USERNAME_LENGTH) {
      throw CellException.invalid(
          "invalid_git_username",
          "the user name is longer than " + GitCredentials.MAX_USERNAME_LENGTH + " characters");
    }
    if (u.indexOf(':') >= 0) {
      throw CellException.invalid(
          "invalid_git_username", "the user name has a ':', which HTTP basic auth cannot carry");
    }
    if (u.codePoints().anyMatch(c -> Character.isISOControl(c) || !Character.isDefined(c))) {
      throw CellException.invalid(
          "invalid_git_username", "the user name has a control or unprintable character");
    }
  }

  private static boolean spaceOrControl(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT
        || !Character.isDefined(c);
  }

  private static CellException invalidHost(String why) {
    return CellException.invalid("invalid_git_host", HOST_FORM + ": " + why);
  }
}
