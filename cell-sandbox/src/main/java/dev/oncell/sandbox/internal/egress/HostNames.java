package dev.oncell.sandbox.internal.egress;

import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalizes host names and recognizes IP literals without ever asking DNS: lower case, one
 * trailing dot removed, IPv6 brackets removed, international names in their ASCII (punycode) form.
 */
public final class HostNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

  private HostNames() {}

  /**
   * The normalized form of a host name or IP literal.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String normalize(String host) {
    String h = host.strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".") && !h.endsWith("..")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty()) {
      throw new IllegalArgumentException("empty host name");
    }
    if (h.indexOf(':') >= 0) {
      return literal(h)
          .map(InetAddress::getHostAddress)
          .orElseThrow(() -> new IllegalArgumentException("not an IPv6 address: " + host));
    }
    try {
      h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid host name: " + host, e);
    }
    if (DIGITS_AND_DOTS.matcher(h).matches()) {
      return literal(h)
          .map(InetAddress::getHostAddress)
          .orElseThrow(
              () -> new IllegalArgumentException("not a dotted-quad IPv4 address: " + host));
    }
    if (h.length() > 253) {
      throw new IllegalArgumentException("host name longer than 253 characters");
    }
    for (String label : h.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("not a valid host name: " + host);
      }
    }
    return h;
  }

  /**
   * The address a normalized host denotes when it is an IP literal: a dotted quad (no shorthand
   * like {@code 127.1}, which would hide an address from a reader of the allow-list) or an IPv6
   * address without a zone. IPv4-mapped IPv6 literals come back as IPv4.
   */
  public static Optional<InetAddress> literal(String host) {
    if (host.indexOf(':') >= 0) {
      if (host.indexOf('%') >= 0) {
        return Optional.empty();
      }
      try {
        return Optional.of(SpecialAddresses.canonical(InetAddress.ofLiteral(host)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (!DOTTED_QUAD.matcher(host).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.ofLiteral(host));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
