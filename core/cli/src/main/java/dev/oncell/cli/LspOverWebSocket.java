package dev.oncell.cli;

import dev.oncell.lsp.OncellLsp;
import dev.oncell.server.LspSessions;

/**
 * What {@code oncell serve} puts behind {@code /v1/customers/:id/lsp}: the same language server as
 * {@code oncell lsp}, on whole messages, reaching this server's own API on loopback with the
 * caller's key. The server knows nothing of LSP and the language server nothing of the server; this
 * is where the two meet.
 */
final class LspOverWebSocket {

  private LspOverWebSocket() {}

  static LspSessions sessions() {
    return (caller, toEditor, endSocket) -> {
      OncellLsp.MessageSession session =
          OncellLsp.overMessages(
              caller.apiUrl(), caller.apiKey(), caller.customer(), toEditor, endSocket);
      return new LspSessions.Session(session.receive(), session.close());
    };
  }
}
