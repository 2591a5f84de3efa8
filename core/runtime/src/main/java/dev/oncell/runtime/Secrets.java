package dev.oncell.runtime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The operator's secrets, such as the API keys that {@code oncell.yaml} names as {@code $VAR}.
 * Values are encrypted at rest (AES-GCM, key in {@code ONCELL_HOME/secrets.key}, mode 600), never
 * logged, journaled or sent in events, and never shown back: a listing has names and a hint.
 */
public interface Secrets {

  /** Secret names: like environment variables. */
  Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** The longest value accepted, in characters. */
  int MAX_VALUE_LENGTH = 16_384;

  /**
   * Sets (or replaces) a secret; it takes effect on the next call that uses it.
   *
   * @throws CellException {@code invalid_secret_name} or {@code invalid_secret_value} (INVALID)
   */
  SecretInfo set(String name, String value);

  /** Every secret, by name, without its value. */
  List<SecretInfo> list();

  /** Removes a secret; false if there was none of that name. */
  boolean delete(String name);
}
