package dev.oncell.server.internal;

import dev.oncell.server.LspSessions;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The language server's WebSocket, when the server has one ({@code OncellServer.Builder.lsp}).
 *
 * @param sessions what serves each socket
 * @param maxMessageBytes the largest message an editor may send, in UTF-8 bytes (whole, after
 *     fragments are joined); a bigger one closes the socket with 1009
 * @param maxSocketsPerCustomer sockets one customer may hold open at once
 * @param allowedOrigins the browser origins that may open one; empty: only pages of the API's own
 *     host and port (Helidon matches {@code Origin} against {@code Host})
 */
public record LspEndpoint(
    LspSessions sessions,
    int maxMessageBytes,
    int maxSocketsPerCustomer,
    Set<String> allowedOrigins) {

  public LspEndpoint {
    Objects.requireNonNull(sessions, "sessions");
    allowedOrigins = Collections.unmodifiableSet(new TreeSet<>(allowedOrigins));
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException(
          "maxMessageBytes must be at least 1024: " + maxMessageBytes);
    }
    if (maxSocketsPerCustomer < 1) {
      throw new IllegalArgumentException(
          "maxSocketsPerCustomer must be positive: " + maxSocketsPerCustomer);
    }
  }
}
