package dev.oncell.client;

import java.util.List;
import java.util.Optional;

/**
 * Customers' git credentials ({@code /v1/customers/:id/git/credentials}): the tokens the server
 * uses, on the host, for a customer's git remotes and forges, one per host. Operator keys only (403
 * for a customer key). A token is sent, never received. Obtain from {@link
 * OncellClient#gitCredentials()}. Every method throws {@link OncellApiException} on failure.
 */
public interface GitCredentials {

  /**
   * Sets or replaces the customer's credential for {@code host} (such as {@code github.com}: no
   * scheme, port or path).
   *
   * @param username sent with the token; leave it empty for the server's default
   * @throws OncellApiException status 400 with code {@code invalid_git_host}, {@code
   *     invalid_git_username} or {@code invalid_git_token}; 404 {@code customer_not_found}; 403 for
   *     a customer key
   */
  GitCredentialInfo set(String customer, String host, Optional<String> username, String token);

  /** The customer's credentials, sorted by host, with hints such as {@code ****cdef}. */
  List<GitCredentialInfo> list(String customer);

  /** Deletes the customer's credential for {@code host}; 404 {@code git_credential_not_found}. */
  void delete(String customer, String host);
}
