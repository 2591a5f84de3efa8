package dev.oncell.runtime;

import java.util.Optional;

/** API keys, stored as SHA-256 hashes. A token is shown once, when it is made. */
public interface ApiKeys {

  /** Who {@code token} belongs to, if anyone. */
  Optional<Principal> authenticate(String token);

  /**
   * Makes sure an operator key exists. With {@code fromEnvironment} present, that key is registered
   * (idempotently). Otherwise, on the first start, a key is generated, written to {@code
   * ONCELL_HOME/operator.key} with mode 600 and returned so that it can be printed once.
   *
   * @return the generated key, only on the start that generated it
   */
  Optional<String> bootstrapOperatorKey(Optional<String> fromEnvironment);

  /** Issues a token that reaches only {@code customerId}'s cell. */
  String issueCustomerToken(String customerId, String label);
}
