package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The language-server sockets of every customer, to bound them: at most {@code maxPerCustomer} at
 * once (each holds a session with threads and HTTP connections), so that one customer cannot
 * exhaust the server for the others. A slot is taken when the upgrade is accepted and given back
 * when its socket ends; a slot whose socket never opened (the 101 answer could not be written) is
 * given back after {@link #OPEN_WITHIN}.
 */
final class LspSockets {

  /** How long an accepted upgrade may take to become an open socket before its slot is reused. */
  static final Duration OPEN_WITHIN = Duration.ofSeconds(30);

  private final int maxPerCustomer;
  private final Map<String, List<Slot>> slots = new TreeMap<>();
  private boolean closed;

  LspSockets(int maxPerCustomer) {
    this.maxPerCustomer = maxPerCustomer;
  }

  /** One socket's place, from its accepted upgrade to its end. */
  final class Slot {
    private final String customer;
    private final long taken = System.nanoTime();
    private volatile boolean opened;
    private volatile Runnable onServerClose = () -> {};

    private Slot(String customer) {
      this.customer = customer;
    }

    /** The socket is open; {@code onServerClose} ends it if the server stops first. */
    void opened(Runnable onServerClose) {
      this.onServerClose = onServerClose;
      this.opened = true;
    }

    void release() {
      synchronized (LspSockets.this) {
        List<Slot> list = slots.get(customer);
        if (list != null && list.remove(this) && list.isEmpty()) {
          slots.remove(customer);
        }
      }
    }

    private boolean live(long now) {
      return opened || now - taken < OPEN_WITHIN.toNanos();
    }
  }

  /**
   * A slot for one more socket of {@code customer}.
   *
   * @throws ApiException 503 {@code too_many_lsp_sockets} past the limit
   */
  synchronized Slot take(String customer) {
    if (closed) {
      throw new ApiException(ErrorKind.UNAVAILABLE, "shutting_down", "the server is stopping");
    }
    long now = System.nanoTime();
    List<Slot> list = slots.computeIfAbsent(customer, c -> new ArrayList<>());
    list.removeIf(s -> !s.live(now));
    if (list.size() >= maxPerCustomer) {
      throw new ApiException(
          ErrorKind.UNAVAILABLE,
          "too_many_lsp_sockets",
          "customer '"
              + customer
              + "' already has "
              + list.size()
              + " language-server sockets open, the most allowed; close one first");
    }
    Slot slot = new Slot(customer);
    list.add(slot);
    return slot;
  }

  /** Sockets open or being opened for {@code customer}. */
  synchronized int count(String customer) {
    long now = System.nanoTime();
    return (int) slots.getOrDefault(customer, List.of()).stream().filter(s -> s.live(now)).count();
  }

  /** The server stops: every open socket's session ends, and no new one starts. */
  void closeAll() {
    List<Slot> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      slots.values().forEach(all::addAll);
    }
    for (Slot slot : all) {
      slot.onServerClose.run();
    }
  }
}
