package dev.oncell.lsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * Documents of the cell as the editor names them: {@code oncell://<customer>/<path>}, the scheme of
 * the VS Code extension's file system. A URI of another scheme or another customer is not this
 * cell's: handlers answer nothing for it.
 */
final class CellUris {

  static final String SCHEME = "oncell";

  private final String customer;

  CellUris(String customer) {
    this.customer = customer;
  }

  /** The URI of {@code path} (relative to the cell's root). */
  String uri(String path) {
    try {
      return new URI(SCHEME, customer, "/" + FileRequests.relative(path), null, null)
          .toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + path, e);
    }
  }

  /** The path a URI names in this cell; empty for another scheme, customer or a malformed URI. */
  Optional<String> path(String uri) {
    try {
      URI parsed = new URI(uri);
      if (!SCHEME.equals(parsed.getScheme()) || !customer.equals(parsed.getAuthority())) {
        return Optional.empty();
      }
      return Optional.of(FileRequests.relative(Optional.ofNullable(parsed.getPath()).orElse("")));
    } catch (URISyntaxException | ResponseErrorException e) {
      return Optional.empty();
    }
  }
}
