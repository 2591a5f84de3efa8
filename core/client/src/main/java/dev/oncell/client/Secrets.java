package dev.oncell.client;

import java.util.List;

/**
 * The operator's secrets ({@code /v1/secrets}), such as the API keys {@code oncell.yaml} names as
 * {@code $VAR}. Operator keys only. A value is sent, never received. Obtain from {@link
 * OncellClient#secrets()}. Every method throws {@link OncellApiException} on failure.
 */
public interface Secrets {

  /**
   * Sets or replaces a secret.
   *
   * @throws OncellApiException status 400 with code {@code invalid_secret_name} or {@code
   *     invalid_secret_value}; 403 for a customer token
   */
  Secret set(String name, String value);

  /** Every secret, by name, with a hint such as {@code ****cdef}. */
  List<Secret> list();

  /** Deletes a secret; status 404 if there is none of that name. */
  void delete(String name);
}
