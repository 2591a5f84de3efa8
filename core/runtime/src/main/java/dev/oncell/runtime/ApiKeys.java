package dev.oncell.runtime;

import java.util.List;
import java.util.Optional;

/**
 * API keys: operator keys (everything) and customer-scoped keys (one customer's cell and runs).
 * Only a SHA-256 hash of a key is stored, with a public id and a hint; the key itself is shown
 * once, when it is made. A revoked or expired key stops working at once.
 *
 * <p>One operator key is the <em>bootstrap</em> key: the one the server was started with ({@code
 * ONCELL_API_KEY}) or the one it generated into {@code ONCELL_HOME/operator.key}. There is only
 * ever one active bootstrap key; replacing it (a start with another {@code ONCELL_API_KEY}, {@link
 * #rotateBootstrapKey()}) revokes the previous one.
 */
public interface ApiKeys {

  /** The longest name a key may have, in characters. */
  int MAX_NAME_LENGTH = 200;

  /** Who {@code token} belongs to, if it is a key that is neither revoked nor expired. */
  Optional<Principal> authenticate(String token);

  /**
   * Makes this start's bootstrap key the only active one.
   *
   * <p>With {@code fromEnvironment} present, that key becomes the bootstrap key (nothing changes if
   * it already is); any other bootstrap key is revoked and a now stale {@code operator.key}
   * removed. Otherwise the key in {@code ONCELL_HOME/operator.key} stays if it is the active
   * bootstrap key; if not (first start, file deleted, key revoked), a new key is generated, written
   * atomically to that file with mode 600, the previous bootstrap key revoked, and the new key
   * returned so that it can be printed once.
   *
   * @return the generated key, only on the start that generated it
   * @throws CellException {@code weak_api_key} for an environment key shorter than 16 characters,
   *     longer than 512 or with spaces or control characters; {@code revoked_api_key} for one that
   *     was revoked, expired or issued through the API (a revoked key never comes back)
   */
  Optional<String> bootstrapOperatorKey(Optional<String> fromEnvironment);

  /**
   * Makes a key.
   *
   * @throws CellException (INVALID) {@code unknown_customer} for a customer that does not exist,
   *     {@code invalid_expiry} for an expiry that is not in the future, {@code invalid_key_name}
   *     for a name too long or with control characters
   */
  IssuedKey create(NewKey request);

  /** Issues a key that reaches only {@code customerId}'s cell, without expiry. */
  default String issueCustomerToken(String customerId, String name) {
    return create(NewKey.customer(customerId).withName(name)).token();
  }

  /** Every key, oldest first, revoked and expired ones included; never a key itself. */
  List<ApiKeyInfo> list();

  /**
   * Revokes a key: it stops working at once. Revoking a revoked key changes nothing.
   *
   * @throws CellException {@code not_found} (NOT_FOUND) for an unknown id; {@code bootstrap_key}
   *     (CONFLICT) for the active bootstrap key, which only {@link #rotateBootstrapKey()} replaces
   */
  ApiKeyInfo revoke(String id);

  /**
   * Replaces the bootstrap key by a new generated one, written atomically to {@code
   * ONCELL_HOME/operator.key} (mode 600); the previous bootstrap key stops working at once. A
   * server started with {@code ONCELL_API_KEY} refuses to start again with that (now revoked) key.
   */
  IssuedKey rotateBootstrapKey();
}
