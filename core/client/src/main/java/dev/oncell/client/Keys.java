package dev.oncell.client;

import java.util.List;

/**
 * API keys ({@code /v1/keys}): operator keys reach everything, customer keys one customer's cell
 * and runs. Operator keys only. A key's value is in the answer that made it and nowhere else;
 * listings show a hint. Obtain from {@link OncellClient#keys()}. Every method throws {@link
 * OncellApiException} on failure.
 */
public interface Keys {

  /** Every key, revoked and expired ones included, by id and hint. */
  List<ApiKey> list();

  /**
   * Makes a key; its value is in the answer only.
   *
   * @throws OncellApiException status 400 with code {@code invalid_scope}, {@code
   *     unknown_customer}, {@code invalid_expiry} or {@code invalid_key_name}; 403 for a customer
   *     key
   */
  CreatedKey create(CreateKey request);

  /**
   * Revokes a key: it stops working at once. Revoking a revoked key is no error.
   *
   * @throws OncellApiException status 404 {@code not_found}; 409 {@code bootstrap_key} for the
   *     bootstrap key, which {@link #rotateBootstrap()} replaces
   */
  void revoke(String id);

  /**
   * Replaces the bootstrap key (the server's {@code ONCELL_API_KEY} or {@code operator.key}) with a
   * new one, also written to the server's {@code operator.key}; the old one stops working at once,
   * including for this client if it used it.
   */
  CreatedKey rotateBootstrap();
}
