package dev.oncell.lsp;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The editor as this server sees it: a standard LSP client that also takes the {@code oncell/}
 * notifications. An editor that does not know them ignores them, as JSON-RPC has it.
 */
public interface OncellEditor extends LanguageClient {

  /**
   * {@code oncell/fileChanged}: a file the editor has open changed in the cell (an agent's run
   * wrote it, or deleted it); the editor reloads it or shows a conflict with its unsaved edits.
   */
  @JsonNotification("oncell/fileChanged")
  void fileChanged(FileChanged params);

  /**
   * @param uri the document, {@code oncell://<customer>/<path>}
   * @param version its version now; null when it was deleted
   */
  record FileChanged(String uri, String path, String version, boolean deleted) {}
}
