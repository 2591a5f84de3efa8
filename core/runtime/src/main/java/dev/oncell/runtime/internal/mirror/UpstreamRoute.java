package dev.oncell.runtime.internal.mirror;

import dev.oncell.git.RepoUrl;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.egress.LoopbackBridge;
import dev.oncell.sandbox.EgressDecision;
import dev.oncell.sandbox.EgressPolicy;
import dev.oncell.sandbox.EgressProxy;
import dev.oncell.sandbox.SandboxException;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * How the host reaches a cell's upstream repository on the cell's behalf, and whether it may write
 * to it.
 *
 * <ul>
 *   <li>{@link #throughCell}: a cell whose agent allows egress. Fetches and pushes go through the
 *       cell's own egress proxy, so the agent's allow-list decides and the cell's log records it.
 *   <li>{@link #readOnly}: an air-gapped cell (its agent blocks egress) whose operator allows
 *       repository hosts ({@code oncell serve --egress-allow}, {@code CellDefaults.egressAllow}).
 *       The host fetches into the mirror through a proxy of its own that lives for one exchange,
 *       with the operator's list as its policy (the same address rules as every egress: no
 *       loopback, private or link-local address unless an IP entry names it, no second resolution
 *       of a name). Nothing is ever pushed, and the cell's own proxy still reaches no outside host.
 *       The customer chooses the URL, so the operator's list is what keeps it from being a way into
 *       the host's network: the agent's word is not enough.
 *   <li>{@link #none}: an air-gapped cell whose operator allows nothing: the cell can hold only a
 *       repository of its own.
 * </ul>
 */
public sealed interface UpstreamRoute {

  /** What a route is used for: reading (fetch, ls-remote) or writing (push). */
  enum Use {
    READ,
    WRITE
  }

  /**
   * An open route for one exchange: the HTTP proxy the host's git uses. Closing it closes what the
   * exchange opened.
   */
  interface Open extends AutoCloseable {
    Proxy proxy();

    @Override
    void close();
  }

  /**
   * Opens the route to {@code url} for {@code use}.
   *
   * @throws CellException {@code egress_blocked} (INVALID) when this route never allows that use,
   *     {@code egress_refused} (FORBIDDEN) when the operator's list refuses the host
   */
  Open open(RepoUrl url, Use use);

  /** Through the cell's own egress proxy at {@code cellSocket}. */
  static UpstreamRoute throughCell(Path cellSocket) {
    return new ThroughCell(cellSocket);
  }

  /**
   * Read-only, through a proxy the host starts at {@code socket} for each exchange, allowing what
   * {@code operatorAllow} allows; {@code log} is the cell's log.
   */
  static UpstreamRoute readOnly(Path socket, List<String> operatorAllow, Consumer<String> log) {
    return new ReadOnly(socket, EgressPolicy.allowing(operatorAllow), log, new ReentrantLock());
  }

  /** No upstream at all. */
  static UpstreamRoute none() {
    return new None();
  }

  /** Fetches and pushes through the cell's own egress proxy. */
  record ThroughCell(Path socket) implements UpstreamRoute {
    public ThroughCell {
      Objects.requireNonNull(socket, "socket");
    }

    @Override
    public Open open(RepoUrl url, Use use) {
      LoopbackBridge bridge = LoopbackBridge.open(socket);
      return new Open() {
        @Override
        public Proxy proxy() {
          return bridge.proxy();
        }

        @Override
        public void close() {
          bridge.close();
        }
      };
    }
  }

  /**
   * Fetches only, through a proxy of the host's with the operator's allow-list. One exchange at a
   * time ({@code lock}): they share the proxy's socket.
   */
  record ReadOnly(Path socket, EgressPolicy policy, Consumer<String> log, ReentrantLock lock)
      implements UpstreamRoute {
    public ReadOnly {
      Objects.requireNonNull(socket, "socket");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(lock, "lock");
    }

    @Override
    public Open open(RepoUrl url, Use use) {
      if (use == Use.WRITE) {
        log.accept("git refused url=" + url + " reason=air_gapped_push");
        throw CellException.invalid(
            "egress_blocked",
            "the cell's agent blocks network egress (CellSpec.network): its repository is"
                + " fetched read-only by the host, and nothing is pushed to "
                + url.host());
      }
      int port = url.effectivePort();
      if (policy.decide(url.host(), port) instanceof EgressDecision.Refused refused) {
        log.accept(
            "git refused url=" + url + " reason=operator_not_listed detail=" + refused.detail());
        throw new CellException(
            dev.oncell.agent.ErrorKind.FORBIDDEN,
            "egress_refused",
            "the cell's agent blocks network egress, and the operator does not allow the host to"
                + " fetch repositories from "
                + url.host()
                + ":"
                + port
                + " for it ("
                + refused.detail()
                + "); the operator allows a repository host with oncell serve --egress-allow");
      }
      lock.lock();
      EgressProxy proxy;
      LoopbackBridge bridge;
      try {
        proxy =
            EgressProxy.start(socket, policy, line -> log.accept("host-fetch " + line), Map.of());
      } catch (SandboxException e) {
        lock.unlock();
        throw CellException.internal("cannot start the host's fetch proxy: " + e.getMessage(), e);
      }
      try {
        bridge = LoopbackBridge.open(socket);
      } catch (RuntimeException e) {
        proxy.close();
        lock.unlock();
        throw e;
      }
      return new Open() {
        @Override
        public Proxy proxy() {
          return bridge.proxy();
        }

        @Override
        public void close() {
          try {
            bridge.close();
          } finally {
            try {
              proxy.close();
            } finally {
              lock.unlock();
            }
          }
        }
      };
    }
  }

  /** Reaches no upstream. */
  record None() implements UpstreamRoute {
    @Override
    public Open open(RepoUrl url, Use use) {
      throw CellException.invalid(
          "egress_blocked",
          "cannot reach "
              + url.host()
              + ": the cell's agent blocks network egress (CellSpec.network) and the operator"
              + " allows no repository host for such cells (oncell serve --egress-allow);"
              + " or allow the host in the agent with Network.allow(...)");
    }
  }
}
