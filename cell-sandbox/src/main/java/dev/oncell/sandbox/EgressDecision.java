package dev.oncell.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What {@link EgressPolicy#decide} says about one connection: allowed, with the one address to
 * connect to, or refused, with the reason.
 */
public sealed interface EgressDecision {

  /** The host as asked for, normalized (lower case, no trailing dot, no IPv6 brackets). */
  String host();

  int port();

  /** Why a connection was refused; the proxy maps each to its own HTTP status. */
  enum Reason {
    /** The host or port is not a valid host name, IP address or port (HTTP 400). */
    INVALID,
    /** No allow-list entry matches the host and port (HTTP 403). */
    NOT_LISTED,
    /**
     * The host resolves to a private, loopback, link-local or otherwise special address that no
     * allow-list entry names as an IP literal (HTTP 403).
     */
    FORBIDDEN_ADDRESS,
    /** The name does not resolve (HTTP 502). */
    UNRESOLVABLE
  }

  /**
   * The connection may be made, to {@code address} and nowhere else: callers connect to it directly
   * and never resolve the name again, so a second DNS answer cannot redirect them.
   */
  record Allowed(String host, int port, InetAddress address) implements EgressDecision {
    public Allowed {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(address, "address");
    }

    public InetSocketAddress target() {
      return new InetSocketAddress(address, port);
    }
  }

  /**
   * The connection must not be made.
   *
   * @param detail a sentence for the log and for the refused client, naming the offending address
   *     when there is one
   */
  record Refused(String host, int port, Reason reason, String detail) implements EgressDecision {
    public Refused {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
