package dev.oncell.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Customers' git credentials, held by the host: one per customer and host (such as {@code
 * github.com}), used on the host for that customer's cell only and sent only to that host. Tokens
 * are encrypted at rest like {@link Secrets} and never shown back, logged, journaled, put in an
 * event or error message, or handed to a sandbox. Deleting a customer deletes its credentials; a
 * customer created later under the same id starts with none.
 */
public interface GitCredentials {

  /** The longest token accepted, in characters. */
  int MAX_TOKEN_LENGTH = 4096;

  /** The longest user name accepted, in characters. */
  int MAX_USERNAME_LENGTH = 256;

  /**
   * Sets (or replaces) the credential of {@code customerId} for {@code host}. A replaced one keeps
   * its {@code createdAt}; its {@code updatedAt} moves.
   *
   * @param host a DNS name or an IP address (IPv6 in brackets or not), without scheme, port, path
   *     or user; stored lower-cased
   * @param username sent with the token; forges that take a token as the password accept any The
   *     customer need not exist yet: store the credential first, then create the customer whose
   *     setup clones with it. Deleting the customer deletes its credentials.
   * @throws CellException {@code invalid_customer_id}, {@code invalid_git_host}, {@code
   *     invalid_git_username}, {@code invalid_git_token} (INVALID). Nothing changes on a failure.
   */
  GitCredentialInfo set(String customerId, String host, Optional<String> username, String token);

  /**
   * The customer's credentials, sorted by host, without tokens.
   *
   * @throws CellException {@code invalid_customer_id} (INVALID)
   */
  List<GitCredentialInfo> list(String customerId);

  /**
   * Removes the customer's credential for {@code host}; false if there was none.
   *
   * @throws CellException {@code invalid_customer_id}, {@code invalid_git_host} (INVALID)
   */
  boolean delete(String customerId, String host);
}
