package dev.oncell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncell.sandbox.EgressDecision.Allowed;
import dev.oncell.sandbox.EgressDecision.Reason;
import dev.oncell.sandbox.EgressDecision.Refused;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list and the address check, with a resolver the test controls: no DNS, no packets. */
class EgressPolicyTest {

  /** Answers from a table and records every name it was asked; unknown names do not resolve. */
  private static final class TableResolver implements EgressPolicy.Resolver {
    private final Map<String, List<String>> table;
    final List<String> asked = new ArrayList<>();

    TableResolver(Map<String, List<String>> table) {
      this.table = table;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      asked.add(host);
      List<String> literals = table.get(host);
      if (literals == null) {
        throw new UnknownHostException(host);
      }
      return literals.stream().map(InetAddress::ofLiteral).toList();
    }
  }

  private static final String PUBLIC = "203.0.113.10";

  private static EgressPolicy policy(TableResolver resolver, String... entries) {
    return EgressPolicy.allowing(List.of(entries)).withResolver(resolver);
  }

  private static TableResolver publicAnswers(String... names) {
    Map<String, List<String>> table = new java.util.HashMap<>();
    for (String name : names) {
      table.put(name, List.of(PUBLIC));
    }
    return new TableResolver(table);
  }

  @Test
  void exactNameMatchesOnlyItselfIgnoringCaseAndTrailingDot() {
    TableResolver dns = publicAnswers("github.com", "api.github.com");
    EgressPolicy policy = policy(dns, "GitHub.com.");
    assertThat(policy.decide("github.com", 443)).isInstanceOf(Allowed.class);
    assertThat(policy.decide("GITHUB.COM.", 443))
        .isEqualTo(new Allowed("github.com", 443, InetAddress.ofLiteral(PUBLIC)));
    assertThat(policy.decide("api.github.com", 443))
        .extracting(d -> ((Refused) d).reason())
        .isEqualTo(Reason.NOT_LISTED);
    assertThat(policy.decide("evilgithub.com", 443)).isInstanceOf(Refused.class);
    assertThat(dns.asked)
        .as("names outside the list are never resolved")
        .containsOnly("github.com");
  }

  @Test
  void wildcardMatchesSubdomainsAtAnyDepthButNotTheApex() {
    TableResolver dns =
        publicAnswers(
            "raw.githubusercontent.com", "a.b.githubusercontent.com", "githubusercontent.com");
    EgressPolicy policy = policy(dns, "*.githubusercontent.com");
    assertThat(policy.decide("raw.githubusercontent.com", 443)).isInstanceOf(Allowed.class);
    assertThat(policy.decide("A.B.GitHubUserContent.com", 443)).isInstanceOf(Allowed.class);
    assertThat(refusal(policy.decide("githubusercontent.com", 443))).isEqualTo(Reason.NOT_LISTED);
    assertThat(refusal(policy.decide("xgithubusercontent.com", 443))).isEqualTo(Reason.NOT_LISTED);
    assertThat(refusal(policy.decide("githubusercontent.com.evil.egress.test", 443)))
        .isEqualTo(Reason.NOT_LISTED);
  }

  @Test
  void portSuffixRestrictsTheEntryAndNoSuffixAllowsAnyPort() {
    EgressPolicy policy =
        policy(
            publicAnswers("a.egress.test", "b.egress.test"), "a.egress.test:443", "b.egress.test");
    assertThat(policy.decide("a.egress.test", 443)).isInstanceOf(Allowed.class);
    assertThat(refusal(policy.decide("a.egress.test", 80))).isEqualTo(Reason.NOT_LISTED);
    assertThat(policy.decide("b.egress.test", 22)).isInstanceOf(Allowed.class);
    assertThat(refusal(policy.decide("b.egress.test", 0))).isEqualTo(Reason.INVALID);
    assertThat(refusal(policy.decide("b.egress.test", 65536))).isEqualTo(Reason.INVALID);
  }

  @Test
  void ipLiteralsMatchOnlyListedAddressesWhateverTheirSpelling() {
    TableResolver dns = publicAnswers();
    EgressPolicy policy = policy(dns, "127.0.0.1", "[::1]:8080", "203.0.113.10");
    assertThat(policy.decide("127.0.0.1", 9)).isInstanceOf(Allowed.class);
    assertThat(policy.decide("::ffff:127.0.0.1", 9))
        .as("an IPv4-mapped literal is the IPv4 address")
        .isEqualTo(new Allowed("127.0.0.1", 9, InetAddress.ofLiteral("127.0.0.1")));
    assertThat(policy.decide("[0:0::1]", 8080)).isInstanceOf(Allowed.class);
    assertThat(refusal(policy.decide("::1", 8081))).isEqualTo(Reason.NOT_LISTED);
    assertThat(refusal(policy.decide("127.0.0.2", 9))).isEqualTo(Reason.NOT_LISTED);
    assertThat(policy.decide("203.0.113.10", 443)).isInstanceOf(Allowed.class);
    assertThat(refusal(policy.decide("127.1", 9)))
        .as("shorthand IPv4 hides the address from a reader of the list")
        .isEqualTo(Reason.INVALID);
    assertThat(dns.asked).as("literals never go to the resolver").isEmpty();
  }

  @Test
  void listedNameResolvingToAnInternalAddressIsRefusedBeforeAnyConnection() {
    Map<String, String> internal =
        Map.ofEntries(
            Map.entry("private10.egress.test", "10.1.2.3"),
            Map.entry("private172.egress.test", "172.31.255.1"),
            Map.entry("private192.egress.test", "192.168.0.1"),
            Map.entry("loopback.egress.test", "127.0.0.1"),
            Map.entry("loopback6.egress.test", "::1"),
            Map.entry("linklocal.egress.test", "169.254.169.254"),
            Map.entry("linklocal6.egress.test", "fe80::1"),
            Map.entry("ula.egress.test", "fd00::1"),
            Map.entry("cgnat.egress.test", "100.64.0.1"),
            Map.entry("unspecified.egress.test", "0.0.0.0"),
            Map.entry("unspecified6.egress.test", "::"),
            Map.entry("multicast.egress.test", "224.0.0.1"),
            Map.entry("broadcast.egress.test", "255.255.255.255"),
            Map.entry("mapped.egress.test", "::ffff:169.254.169.254"),
            Map.entry("nat64.egress.test", "64:ff9b::10.0.0.1"),
            Map.entry("sixtofour.egress.test", "2002:c0a8:0101::1"),
            Map.entry("compatible.egress.test", "::10.0.0.1"));
    Map<String, List<String>> table = new java.util.HashMap<>();
    internal.forEach((name, address) -> table.put(name, List.of(address)));
    table.put("mixed.egress.test", List.of(PUBLIC, "10.0.0.7"));
    EgressPolicy policy = policy(new TableResolver(table), "*.egress.test");
    for (String name : table.keySet()) {
      EgressDecision decision = policy.decide(name, 443);
      assertThat(decision).as(name).isInstanceOf(Refused.class);
      assertThat(refusal(decision)).as(name).isEqualTo(Reason.FORBIDDEN_ADDRESS);
    }
    assertThat(((Refused) policy.decide("linklocal.egress.test", 80)).detail())
        .contains("169.254.169.254", "link-local");
    assertThat(((Refused) policy.decide("mixed.egress.test", 80)).detail())
        .as("one internal answer is enough to refuse")
        .contains("10.0.0.7", "private");
  }

  @Test
  void publicAddressesPass() {
    Map<String, List<String>> table =
        Map.of(
            "v4.egress.test", List.of("8.8.8.8"),
            "v6.egress.test", List.of("2606:4700::1111"),
            "edge.egress.test", List.of("172.32.0.1", "100.128.0.1", "192.169.0.1"));
    EgressPolicy policy = policy(new TableResolver(table), "*.egress.test");
    for (String name : table.keySet()) {
      assertThat(policy.decide(name, 443)).as(name).isInstanceOf(Allowed.class);
    }
  }

  @Test
  void anIpLiteralEntryIsTheExplicitAllowanceOfAnInternalAddress() {
    TableResolver dns =
        new TableResolver(
            Map.of(
                "localhost",
                List.of("127.0.0.1"),
                "intranet.egress.test",
                List.of("::ffff:10.0.0.5")));
    EgressPolicy policy =
        policy(dns, "localhost", "127.0.0.1:8080", "intranet.egress.test", "10.0.0.5");
    assertThat(policy.decide("localhost", 8080))
        .isEqualTo(new Allowed("localhost", 8080, InetAddress.ofLiteral("127.0.0.1")));
    assertThat(refusal(policy.decide("localhost", 8081)))
        .as("the allowance carries the entry's port")
        .isEqualTo(Reason.FORBIDDEN_ADDRESS);
    assertThat(policy.decide("intranet.egress.test", 22))
        .as("an IPv4-mapped answer is judged, and connected to, as IPv4")
        .isEqualTo(new Allowed("intranet.egress.test", 22, InetAddress.ofLiteral("10.0.0.5")));
  }

  @Test
  void unresolvableAndInvalidHostsAreRefusedWithTheirOwnReason() {
    EgressPolicy policy = policy(publicAnswers(), "*.egress.test", "gone.egress.test");
    assertThat(refusal(policy.decide("gone.egress.test", 443))).isEqualTo(Reason.UNRESOLVABLE);
    assertThat(refusal(policy.decide("", 443))).isEqualTo(Reason.INVALID);
    assertThat(refusal(policy.decide("a b.egress.test", 443))).isEqualTo(Reason.INVALID);
    assertThat(refusal(policy.decide("a..egress.test", 443))).isEqualTo(Reason.INVALID);
    assertThat(refusal(policy.decide("fe80::1%eth0", 443))).isEqualTo(Reason.INVALID);
    EgressPolicy throwing =
        EgressPolicy.allowing(List.of("x.egress.test"))
            .withResolver(
                host -> {
                  throw new IllegalStateException("resolver broke");
                });
    assertThat(refusal(throwing.decide("x.egress.test", 1))).isEqualTo(Reason.UNRESOLVABLE);
  }

  @Test
  void invalidEntriesAreRejectedWithTheEntryNamed() {
    for (String bad :
        List.of(
            "*",
            "*.com",
            "a.*.com",
            "https://github.com",
            "10.0.0.0/8",
            "a.test:0",
            "a.test:http",
            "",
            "[::1",
            "*.10.0.0.1",
            "bad_label-.test-")) {
      assertThatThrownBy(() -> EgressPolicy.allowing(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThat(
            EgressPolicy.allowing(List.of("Example.COM.", "*.Example.com:443", "::1", "[::1]:80"))
                .entries())
        .containsExactly(
            "example.com", "*.example.com:443", "[0:0:0:0:0:0:0:1]", "[0:0:0:0:0:0:0:1]:80");
  }

  private static Reason refusal(EgressDecision decision) {
    assertThat(decision).isInstanceOf(Refused.class);
    return ((Refused) decision).reason();
  }
}
