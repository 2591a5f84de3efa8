package dev.oncell.sandbox.internal.egress;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of an egress allow-list: an exact host name, a {@code *.suffix} wildcard, or an IP
 * literal, each with an optional port.
 *
 * @param name the normalized name or suffix; for an IP literal its canonical text
 * @param wildcard whether the entry was {@code *.name}: it matches names under {@code name}, not
 *     {@code name} itself
 * @param address the address of an IP-literal entry
 * @param port the only port the entry allows; empty for any port
 */
public record EgressRule(
    String name, boolean wildcard, Optional<InetAddress> address, OptionalInt port) {

  /**
   * Parses {@code host}, {@code host:port}, {@code *.host}, {@code 1.2.3.4}, {@code ::1} or {@code
   * [::1]:port}.
   *
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  public static EgressRule parse(String entry) {
    String text = entry.strip();
    try {
      if (text.contains("/")) {
        throw new IllegalArgumentException(
            "an entry is a host name or IP address, not a URL or a range");
      }
      String host = text;
      OptionalInt port = OptionalInt.empty();
      int close = text.indexOf(']');
      if (text.startsWith("[") && close > 0) {
        host = text.substring(1, close);
        String rest = text.substring(close + 1);
        if (!rest.isEmpty()) {
          if (!rest.startsWith(":")) {
            throw new IllegalArgumentException("unexpected text after ']'");
          }
          port = OptionalInt.of(port(rest.substring(1)));
        }
      } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
        host = text.substring(0, text.indexOf(':'));
        port = OptionalInt.of(port(text.substring(text.indexOf(':') + 1)));
      }
      boolean wildcard = host.startsWith("*.");
      if (wildcard) {
        host = host.substring(2);
      }
      if (host.contains("*")) {
        throw new IllegalArgumentException("'*' is allowed only as a whole first label: *.name");
      }
      String name = HostNames.normalize(host);
      Optional<InetAddress> address = HostNames.literal(name);
      if (wildcard && (address.isPresent() || !name.contains("."))) {
        throw new IllegalArgumentException(
            "a wildcard needs a domain of at least two labels, like *.example.com");
      }
      return new EgressRule(name, wildcard, address, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid egress allow-list entry '" + entry + "': " + e.getMessage(), e);
    }
  }

  /** Whether this entry allows the normalized host name (never an IP literal) on the port. */
  public boolean matchesName(String host, int port) {
    if (address.isPresent() || !portMatches(port)) {
      return false;
    }
    return wildcard ? host.endsWith("." + name) : host.equals(name);
  }

  /** Whether this entry is the IP literal {@code address} and allows the port. */
  public boolean matchesAddress(InetAddress candidate, int port) {
    return address.isPresent() && address.get().equals(candidate) && portMatches(port);
  }

  private boolean portMatches(int candidate) {
    return port.isEmpty() || port.getAsInt() == candidate;
  }

  private static int port(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("not a port: '" + text + "'");
    }
    int value = Integer.parseInt(text);
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("port out of range 1-65535: " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    String host = address.map(a -> a.getHostAddress()).orElse(name);
    String shown = (wildcard ? "*." : "") + (host.contains(":") ? "[" + host + "]" : host);
    return port.isPresent() ? shown + ":" + port.getAsInt() : shown;
  }
}
