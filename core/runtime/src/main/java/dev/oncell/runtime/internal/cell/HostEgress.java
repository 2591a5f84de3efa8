package dev.oncell.runtime.internal.cell;

import dev.oncell.sandbox.EgressDecision;
import dev.oncell.sandbox.EgressPolicy;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A cell's egress as the host's own clients use it when they act for the cell (a forge's API): the
 * cell's allow-list, to refuse a host before anything is sent, and its proxy's socket, to send
 * through the same proxy (and so the same address rules and log) as the cell's own traffic. Valid
 * only inside {@link LiveCell#withEgress}, while the cell is held open.
 *
 * @param policy the allow-list of the cell's agent
 * @param socket the cell's egress proxy
 * @param log appends one line to the cell's log
 */
public record HostEgress(EgressPolicy policy, Path socket, Consumer<String> log) {

  public HostEgress {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(log, "log");
  }

  /**
   * Whether the cell's allow-list reaches {@code host:port}; resolves the name, connects nowhere.
   */
  public EgressDecision decide(String host, int port) {
    return policy.decide(host, port);
  }
}
