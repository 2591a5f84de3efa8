package dev.oncell.runtime.internal.forge;

import dev.oncell.agent.ErrorKind;
import dev.oncell.agent.forge.Forge;
import dev.oncell.agent.forge.ForgeConnection;
import dev.oncell.agent.forge.ForgeException;
import dev.oncell.git.GitCredential;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.cell.HostEgress;
import dev.oncell.runtime.internal.cell.LiveCell;
import dev.oncell.runtime.internal.egress.LoopbackBridge;
import dev.oncell.runtime.internal.mirror.CredentialLookup;
import dev.oncell.sandbox.EgressDecision;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one call of a {@link Forge} for one cell: the customer's credential for the repository's
 * host, the cell's allow-list asked before anything is sent, a loopback bridge to the cell's egress
 * proxy for the call's HTTP client, and the forge's failure as the run's. Each call is one line in
 * the cell's log (what, repository, outcome), besides the proxy's own lines.
 */
final class ForgeClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final LiveCell cell;
  private final ForgeTarget target;
  private final Forge forge;
  private final CredentialLookup credentials;

  ForgeClient(LiveCell cell, ForgeTarget target, Forge forge, CredentialLookup credentials) {
    this.cell = cell;
    this.target = target;
    this.forge = forge;
    this.credentials = credentials;
  }

  Forge forge() {
    return forge;
  }

  /**
   * Runs {@code op} with a connection to the forge.
   *
   * @throws CellException {@code git_credential_missing}, {@code egress_blocked}, {@code
   *     egress_refused} (all INVALID, nothing sent), or the forge's failure ({@link ForgeFailures})
   */
  <T> T call(String what, Function<ForgeConnection, T> op) {
    String host = target.credentialHost();
    GitCredential credential =
        credentials
            .find(cell.id(), host)
            .filter(c -> c.matches(host))
            .orElseThrow(
                () ->
                    CellException.invalid(
                        "git_credential_missing",
                        "customer "
                            + cell.id()
                            + " has no git credential for "
                            + host
                            + ", which "
                            + target.repo()
                            + " needs; store one with: oncell git credentials set --customer "
                            + cell.id()
                            + " --host "
                            + host));
    return cell.withEgress(egress -> send(what, credential, egress, op));
  }

  private <T> T send(
      String what,
      GitCredential credential,
      Optional<HostEgress> route,
      Function<ForgeConnection, T> op) {
    String api = target.apiBase().getHost() + ":" + target.apiPort();
    if (route.isEmpty()) {
      throw CellException.invalid(
          "egress_blocked",
          "cannot reach the forge at "
              + api
              + ": the cell's agent blocks network egress (CellSpec.network); allow the host"
              + " with Network.allow(...)");
    }
    HostEgress egress = route.get();
    if (egress.decide(target.apiBase().getHost(), target.apiPort())
        instanceof EgressDecision.Refused refused) {
      egress.log().accept("forge " + what + " refused repo=" + target.repo() + " api=" + api);
      throw CellException.invalid(
          "egress_refused",
          "the cell's egress allow-list refuses the forge's API at "
              + api
              + ": "
              + refused.detail()
              + "; list the host in the agent's CellSpec.network");
    }
    try (LoopbackBridge bridge = LoopbackBridge.open(egress.socket());
        HttpClient client =
            HttpClient.newBuilder()
                .proxy(bridge.proxySelector())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build()) {
      ForgeConnection connection =
          ForgeConnection.builder(target.apiBase(), target.repo(), credential.token())
              .httpClient(client)
              .build();
      T value = op.apply(connection);
      egress.log().accept("forge " + what + " repo=" + target.repo() + " ok");
      return value;
    } catch (ForgeException e) {
      egress.log().accept("forge " + what + " repo=" + target.repo() + " failed code=" + e.code());
      // A plugin's forge may not scrub its messages as the built-in ones do.
      throw ForgeFailures.toCell(
          new ForgeException(e.code(), scrub(e.getMessage(), credential), 0, null));
    } catch (CellException e) {
      egress.log().accept("forge " + what + " repo=" + target.repo() + " failed code=" + e.code());
      throw e;
    } catch (RuntimeException e) {
      egress.log().accept("forge " + what + " repo=" + target.repo() + " failed");
      throw new CellException(
          ErrorKind.INTERNAL,
          "forge_failed",
          "the "
              + forge.kind()
              + " forge failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage(), credential)));
    }
  }

  private static String scrub(String message, GitCredential credential) {
    return message == null ? "" : message.replace(credential.token(), "***");
  }
}
