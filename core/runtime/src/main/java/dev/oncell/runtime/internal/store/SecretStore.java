package dev.oncell.runtime.internal.store;

import dev.oncell.agent.ErrorKind;
import dev.oncell.llm.VariableResolver;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.SecretInfo;
import dev.oncell.runtime.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Operator secrets in the control plane, each encrypted with AES-256-GCM under the key in {@code
 * ONCELL_HOME/secrets.key} (32 random bytes, mode 600, made with the first secret), with a fresh
 * 96-bit nonce per write and the secret's name as associated data. Nothing here logs a value or
 * puts one in an exception message.
 */
public final class SecretStore implements Secrets, VariableResolver {

  static final String KEY_FILE = "secrets.key";
  private static final Logger LOG = Logger.getLogger(SecretStore.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final ControlPlane controlPlane;
  private final Path keyFile;
  private final Clock clock;
  private volatile byte[] key;

  public SecretStore(ControlPlane controlPlane, Path home, Clock clock) {
    this.controlPlane = controlPlane;
    this.keyFile = home.resolve(KEY_FILE);
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
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext =
        crypt(Cipher.ENCRYPT_MODE, name, nonce, value.getBytes(StandardCharsets.UTF_8), true);
    java.time.Instant now = clock.instant();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "MERGE INTO secrets (name, nonce, ciphertext, updated_at) KEY (name) VALUES (?, ?, ?, ?)")) {
      s.setString(1, name);
      s.setBytes(2, nonce);
      s.setBytes(3, ciphertext);
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
   * A value encrypted with this store's key and mechanism for another store of the host (webhook
   * secrets): {@code label} is the associated data, so a ciphertext cannot be moved to another
   * record. Labels contain {@code ':'}, which secret names cannot, so no label is a secret's name.
   */
  record Sealed(byte[] nonce, byte[] ciphertext) {}

  Sealed seal(String label, String value) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return new Sealed(
        nonce,
        crypt(Cipher.ENCRYPT_MODE, label, nonce, value.getBytes(StandardCharsets.UTF_8), true));
  }

  /** The value {@link #seal} encrypted under {@code label}. */
  String open(String label, byte[] nonce, byte[] ciphertext) {
    return decrypt(label, nonce, ciphertext);
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
    return new String(
        crypt(Cipher.DECRYPT_MODE, name, nonce, ciphertext, false), StandardCharsets.UTF_8);
  }

  private byte[] crypt(int mode, String name, byte[] nonce, byte[] input, boolean create) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          mode, new SecretKeySpec(key(create), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CellException(
          ErrorKind.INVALID,
          "secret_undecryptable",
          "secret '"
              + name
              + "' cannot be decrypted with "
              + keyFile
              + " (was the key file replaced?); set it again with oncell secrets set "
              + name
              + "=...");
    } catch (GeneralSecurityException e) {
      throw CellException.internal(
          "cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt") + " secret " + name, e);
    }
  }

  /**
   * The key, read once; made (mode 600) when {@code create} and there is none yet. The key file is
   * created whole or not at all ({@link DurableFiles#createNew}): a full disk fails the call and
   * leaves no file. A 0-byte key file, which older versions left behind on a full disk, can have
   * encrypted nothing, so it counts as missing and is replaced.
   */
  private synchronized byte[] key(boolean create) {
    if (key != null) {
      return key;
    }
    try {
      boolean empty = Files.exists(keyFile) && Files.size(keyFile) == 0;
      if (!Files.exists(keyFile) || empty) {
        if (!create) {
          throw new CellException(
              ErrorKind.INVALID,
              "secret_undecryptable",
              "the secrets key is missing, so no stored secret can be read; set the secrets"
                  + " again");
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        if (empty) {
          LOG.warning(keyFile + " was empty (a write interrupted by a full disk); replacing it");
          DurableFiles.write(keyFile, fresh, OWNER_ONLY);
        } else if (!DurableFiles.createNew(keyFile, fresh, OWNER_ONLY)) {
          return key(false); // made by another host process in between: use that one
        }
        key = fresh;
        return key;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
      if (!OWNER_ONLY.containsAll(permissions)) {
        LOG.warning(keyFile + " was readable by others; its mode is now 600");
        Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
      }
      byte[] read = Files.readAllBytes(keyFile);
      if (read.length != KEY_BYTES) {
        LOG.severe(
            "the secrets key " + keyFile + " has " + read.length + " bytes, not " + KEY_BYTES);
        throw CellException.internal(
            "the secrets key is damaged (" + read.length + " bytes, not " + KEY_BYTES + ")", null);
      }
      key = read;
      return key;
    } catch (IOException e) {
      LOG.warning("cannot use the secrets key " + keyFile + ": " + e);
      throw CellException.internal("cannot read or write the secrets key", e);
    }
  }
}
