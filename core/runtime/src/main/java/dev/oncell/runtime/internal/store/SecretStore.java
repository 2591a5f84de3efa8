package dev.oncell.runtime.internal.store;

import dev.oncell.llm.VariableResolver;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.SecretInfo;
import dev.oncell.runtime.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operator secrets in the control plane, each encrypted by the host's {@link AtRestCipher} with the
 * secret's name as associated data. Nothing here logs a value or puts one in an exception message.
 */
public final class SecretStore implements Secrets, VariableResolver {

  private final ControlPlane controlPlane;
  private final AtRestCipher cipher;
  private final Clock clock;

  public SecretStore(ControlPlane controlPlane, AtRestCipher cipher, Clock clock) {
    this.controlPlane = controlPlane;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  public SecretInfo set(String name, String value) {
    checkName(name);
    if (value == null || value.isEmpty()) {
      throw CellException.invalid("invalid_secret_value", "secret '" + name + "' needs a value");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw CellException.invalid(
          "invalid_secret_value",
          "the value of secret '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
    }
    AtRestCipher.Sealed sealed = cipher.seal(name, value);
    java.time.Instant now = clock.instant();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "MERGE INTO secrets (name, nonce, ciphertext, updated_at) KEY (name) VALUES (?, ?, ?, ?)")) {
      s.setString(1, name);
      s.setBytes(2, sealed.nonce());
      s.setBytes(3, sealed.ciphertext());
      s.setTimestamp(4, Timestamp.from(now));
      s.executeUpdate();
      CellDatabase.sync(c);
    } catch (SQLException e) {
      throw ControlPlane.failure("store secret " + name, e);
    }
    return new SecretInfo(name, hint(value), now);
  }

  @Override
  public List<SecretInfo> list() {
    List<SecretInfo> out = new ArrayList<>();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT name, nonce, ciphertext, updated_at FROM secrets ORDER BY name");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        String hint;
        try {
          hint = hint(decrypt(name, rs.getBytes(2), rs.getBytes(3)));
        } catch (CellException e) {
          hint = "(cannot be decrypted)";
        }
        out.add(new SecretInfo(name, hint, rs.getTimestamp(4).toInstant()));
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("list secrets", e);
    }
    return out;
  }

  @Override
  public boolean delete(String name) {
    checkName(name);
    try (Connection c = controlPlane.connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM secrets WHERE name = ?")) {
      s.setString(1, name);
      boolean deleted = s.executeUpdate() > 0;
      CellDatabase.sync(c);
      return deleted;
    } catch (SQLException e) {
      throw ControlPlane.failure("delete secret " + name, e);
    }
  }

  /** The value of {@code name}, for {@code $VAR} references of the config. */
  @Override
  public Optional<String> resolve(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT nonce, ciphertext FROM secrets WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(decrypt(name, rs.getBytes(1), rs.getBytes(2)));
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("read secret " + name, e);
    }
  }

  /**
   * {@code ****} and the last four characters of a value of at least 12, else only {@code ****}.
   */
  static String hint(String value) {
    return value.length() >= 12 ? "****" + value.substring(value.length() - 4) : "****";
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw CellException.invalid(
          "invalid_secret_name",
          "a secret name is letters, digits and '_', not starting with a digit, at most 128"
              + " characters (such as OPENAI_API_KEY)");
    }
  }

  private String decrypt(String name, byte[] nonce, byte[] ciphertext) {
    return cipher.open(
        name,
        nonce,
        ciphertext,
        "secret_undecryptable",
        "secret '" + name + "'",
        "set it again with oncell secrets set " + name + "=...");
  }
}
