package dev.oncell.sandbox.internal.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges egress refuses unless explicitly allowed: everything that is not a public
 * unicast address of the internet. IPv6 forms that embed an IPv4 address (mapped, compatible,
 * NAT64, 6to4) are judged by the IPv4 address they carry, so {@code ::ffff:10.0.0.1} is as private
 * as {@code 10.0.0.1}.
 */
public final class SpecialAddresses {

  private record Block(byte[] prefix, int bits, String name) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Block> BLOCKS =
      List.of(
          block("0.0.0.0", 8, "unspecified or 'this network' address (0.0.0.0/8)"),
          block("10.0.0.0", 8, "private address (10.0.0.0/8)"),
          block("100.64.0.0", 10, "carrier-grade NAT address (100.64.0.0/10)"),
          block("127.0.0.0", 8, "loopback address (127.0.0.0/8)"),
          block("169.254.0.0", 16, "link-local address (169.254.0.0/16)"),
          block("172.16.0.0", 12, "private address (172.16.0.0/12)"),
          block("192.0.0.0", 24, "IETF protocol assignment (192.0.0.0/24)"),
          block("192.168.0.0", 16, "private address (192.168.0.0/16)"),
          block("198.18.0.0", 15, "benchmarking address (198.18.0.0/15)"),
          block("224.0.0.0", 4, "multicast address (224.0.0.0/4)"),
          block("240.0.0.0", 4, "reserved or broadcast address (240.0.0.0/4)"),
          block("::", 128, "unspecified address (::)"),
          block("::1", 128, "loopback address (::1)"),
          block("fc00::", 7, "unique local (private) address (fc00::/7)"),
          block("fe80::", 10, "link-local address (fe80::/10)"),
          block("fec0::", 10, "site-local address (fec0::/10)"),
          block("ff00::", 8, "multicast address (ff00::/8)"));

  private SpecialAddresses() {}

  /** Why the address is refused by default, or empty for a public unicast address. */
  public static Optional<String> why(InetAddress address) {
    byte[] bytes = address.getAddress();
    Optional<InetAddress> embedded = embeddedIpv4(bytes);
    if (embedded.isPresent()) {
      return why(embedded.get()).map(reason -> "IPv6 form of a " + reason);
    }
    for (Block block : BLOCKS) {
      if (block.contains(bytes)) {
        return Optional.of(block.name());
      }
    }
    return Optional.empty();
  }

  /**
   * The IPv4 address an IPv6 address carries: {@code ::ffff:a.b.c.d} (mapped), {@code ::a.b.c.d}
   * (compatible, but not {@code ::} and {@code ::1}), {@code 64:ff9b::a.b.c.d} (NAT64) and {@code
   * 2002:aabb:ccdd::} (6to4). Also how an IPv4-mapped address is turned back into IPv4.
   */
  public static Optional<InetAddress> embeddedIpv4(byte[] bytes) {
    if (bytes.length != 16) {
      return Optional.empty();
    }
    if (zero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
      return ipv4(bytes, 12);
    }
    boolean unspecifiedOrLoopback = zero(bytes, 12, 15) && (bytes[15] == 0 || bytes[15] == 1);
    if (zero(bytes, 0, 12) && !unspecifiedOrLoopback) {
      return ipv4(bytes, 12);
    }
    if (bytes[0] == 0
        && bytes[1] == 0x64
        && (bytes[2] & 0xff) == 0xff
        && (bytes[3] & 0xff) == 0x9b
        && zero(bytes, 4, 12)) {
      return ipv4(bytes, 12);
    }
    if (bytes[0] == 0x20 && bytes[1] == 0x02) {
      return ipv4(bytes, 2);
    }
    return Optional.empty();
  }

  /** IPv4-mapped IPv6 addresses as plain IPv4; every other address as it is. */
  public static InetAddress canonical(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16
        && zero(bytes, 0, 10)
        && (bytes[10] & 0xff) == 0xff
        && (bytes[11] & 0xff) == 0xff) {
      return ipv4(bytes, 12).orElseThrow();
    }
    return address;
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static Optional<InetAddress> ipv4(byte[] bytes, int offset) {
    byte[] four = {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]};
    try {
      return Optional.of(Inet4Address.getByAddress(four));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static Block block(String literal, int bits, String name) {
    return new Block(InetAddress.ofLiteral(literal).getAddress(), bits, name);
  }
}
