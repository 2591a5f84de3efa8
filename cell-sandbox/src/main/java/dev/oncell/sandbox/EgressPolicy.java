package dev.oncell.sandbox;

import dev.oncell.sandbox.EgressDecision.Allowed;
import dev.oncell.sandbox.EgressDecision.Reason;
import dev.oncell.sandbox.EgressDecision.Refused;
import dev.oncell.sandbox.internal.egress.EgressRule;
import dev.oncell.sandbox.internal.egress.HostNames;
import dev.oncell.sandbox.internal.egress.SpecialAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cell's egress allow-list and the address check behind it. Used by the {@link EgressProxy} for
 * every connection from the sandbox, and on its own ({@link #decide}) by anything else in the host
 * that fetches on a cell's behalf, such as {@code ctx.upload}.
 *
 * <p>Entries:
 *
 * <ul>
 *   <li>{@code example.com}: that name exactly (case and a trailing dot do not matter).
 *   <li>{@code *.example.com}: any name under it, at any depth ({@code a.example.com}, {@code
 *       a.b.example.com}), but not {@code example.com} itself: list both to allow both. The domain
 *       must have at least two labels ({@code *.com} is refused as too broad).
 *   <li>{@code 203.0.113.7}, {@code ::1}, {@code [::1]}: that IP address, when a client asks for it
 *       as a literal. An IP-literal entry is also the <em>explicit allowance</em> of that address:
 *       see below.
 *   <li>Any entry may end with {@code :port} ({@code [v6]:port} for IPv6) to allow only that port;
 *       without one it allows every port.
 * </ul>
 *
 * <p>The address check: a name that the allow-list admits is resolved by the policy's own {@link
 * Resolver}, and the connection is refused if <em>any</em> of its addresses is loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), carrier-grade NAT
 * (100.64/10), unspecified, multicast, reserved, or an IPv6 form embedding one of those (mapped,
 * compatible, NAT64, 6to4), unless an IP-literal entry names that very address (and allows the
 * port). Refusing when any address is special, rather than skipping it, keeps a name that mixes
 * public and internal answers from ever reaching the inside. The decision carries the one address
 * to connect to (the first one resolved); callers connect there and never resolve again.
 */
public final class EgressPolicy {

  /** Resolves host names; the default asks the system resolver. Tests inject their own. */
  @FunctionalInterface
  public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * All addresses of a host name, never empty.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final List<EgressRule> rules;
  private final Resolver resolver;

  private EgressPolicy(List<EgressRule> rules, Resolver resolver) {
    this.rules = rules;
    this.resolver = resolver;
  }

  /**
   * A policy allowing the listed entries and nothing else, with the system resolver.
   *
   * @throws IllegalArgumentException naming the first invalid entry and what is wrong with it
   */
  public static EgressPolicy allowing(List<String> entries) {
    Objects.requireNonNull(entries, "entries");
    return new EgressPolicy(entries.stream().map(EgressRule::parse).toList(), Resolver.SYSTEM);
  }

  /** The same allow-list, resolving names with {@code value}. */
  public EgressPolicy withResolver(Resolver value) {
    return new EgressPolicy(rules, Objects.requireNonNull(value, "resolver"));
  }

  /** The entries in their normalized form. */
  public List<String> entries() {
    return rules.stream().map(EgressRule::toString).toList();
  }

  /**
   * Whether a connection to {@code host:port} may be made, and to which address. Resolves the name
   * (only when the allow-list admits it) but never connects anywhere.
   */
  public EgressDecision decide(String host, int port) {
    Objects.requireNonNull(host, "host");
    String name;
    try {
      name = HostNames.normalize(host);
    } catch (IllegalArgumentException e) {
      return new Refused(host, port, Reason.INVALID, e.getMessage());
    }
    if (port < 1 || port > 65535) {
      return new Refused(name, port, Reason.INVALID, "port out of range 1-65535: " + port);
    }
    Optional<InetAddress> literal = HostNames.literal(name);
    if (literal.isPresent()) {
      InetAddress address = literal.get();
      return explicitlyAllowed(address, port)
          ? new Allowed(name, port, address)
          : new Refused(
              name, port, Reason.NOT_LISTED, "address " + name + " is not in the allow-list");
    }
    if (rules.stream().noneMatch(rule -> rule.matchesName(name, port))) {
      return new Refused(
          name, port, Reason.NOT_LISTED, name + ":" + port + " is not in the allow-list");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(name);
    } catch (UnknownHostException | RuntimeException e) {
      return new Refused(
          name, port, Reason.UNRESOLVABLE, name + " does not resolve: " + e.getMessage());
    }
    if (addresses.isEmpty()) {
      return new Refused(name, port, Reason.UNRESOLVABLE, name + " has no address");
    }
    for (InetAddress resolved : addresses) {
      InetAddress address = SpecialAddresses.canonical(resolved);
      Optional<String> why = SpecialAddresses.why(address);
      if (why.isPresent() && !explicitlyAllowed(address, port)) {
        return new Refused(
            name,
            port,
            Reason.FORBIDDEN_ADDRESS,
            name
                + " resolves to "
                + address.getHostAddress()
                + ", a "
                + why.get()
                + " that the allow-list does not name");
      }
    }
    return new Allowed(name, port, SpecialAddresses.canonical(addresses.getFirst()));
  }

  private boolean explicitlyAllowed(InetAddress address, int port) {
    return rules.stream().anyMatch(rule -> rule.matchesAddress(address, port));
  }

  @Override
  public String toString() {
    return "EgressPolicy" + entries();
  }
}
