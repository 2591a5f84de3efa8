package dev.oncell.runtime.internal.store;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one way the host encrypts what it must keep but never show: operator secrets and customers'
 * git credentials. AES-256-GCM under the key in {@code ONCELL_HOME/secrets.key} (32 random bytes,
 * mode 600, made with the first value sealed), a fresh 96-bit nonce per value, and associated data
 * that names where the value belongs, so a ciphertext copied to another row does not open. One
 * instance per host: every store shares the key (and its creation). Nothing here logs a value or
 * puts one in an exception message.
 */
public final class AtRestCipher {

  static final String KEY_FILE = "secrets.key";
  private static final Logger LOG = Logger.getLogger(AtRestCipher.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** A value as stored: its nonce and its ciphertext (with the GCM tag). */
  record Sealed(byte[] nonce, byte[] ciphertext) {}

  private final Path keyFile;
  private volatile byte[] key;

  public AtRestCipher(Path home) {
    this.keyFile = home.resolve(KEY_FILE);
  }

  /** Encrypts {@code plaintext} for the place {@code associatedData} names; makes the key first. */
  Sealed seal(String associatedData, String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] key =
        key(true)
            .orElseThrow(
                () -> CellException.internal("the secrets key vanished as it was made", null));
    try {
      return new Sealed(
          nonce,
          run(
              Cipher.ENCRYPT_MODE,
              key,
              associatedData,
              nonce,
              plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw CellException.internal("cannot encrypt a value", e);
    }
  }

  /**
   * Decrypts a value sealed for {@code associatedData}.
   *
   * @param subject what the value is, for the error (such as {@code secret 'OPENAI_API_KEY'})
   * @param remedy what the operator can do about it, for the error
   * @throws CellException {@code code} (INVALID) when the key is missing or is not the one that
   *     sealed the value
   */
  String open(
      String associatedData,
      byte[] nonce,
      byte[] ciphertext,
      String code,
      String subject,
      String remedy) {
    byte[] key =
        key(false)
            .orElseThrow(
                () ->
                    new CellException(
                        ErrorKind.INVALID,
                        code,
                        subject
                            + " cannot be decrypted: the secrets key "
                            + keyFile
                            + " is missing, so no stored value can be read; "
                            + remedy));
    try {
      return new String(
          run(Cipher.DECRYPT_MODE, key, associatedData, nonce, ciphertext), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new CellException(
          ErrorKind.INVALID,
          code,
          subject
              + " cannot be decrypted with "
              + keyFile
              + " (was the key file replaced?); "
              + remedy);
    } catch (GeneralSecurityException e) {
      throw CellException.internal("cannot decrypt " + subject, e);
    }
  }

  private static byte[] run(int mode, byte[] key, String associatedData, byte[] nonce, byte[] input)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(input);
  }

  /**
   * The key, read once; made (mode 600) when {@code create} and there is none yet. The key file is
   * created whole or not at all ({@link DurableFiles#createNew}): a full disk fails the call and
   * leaves no file. A 0-byte key file, which older versions left behind on a full disk, can have
   * encrypted nothing, so it counts as missing and is replaced. Empty when there is none and {@code
   * create} is false.
   */
  private synchronized Optional<byte[]> key(boolean create) {
    if (key != null) {
      return Optional.of(key);
    }
    try {
      boolean empty = Files.exists(keyFile) && Files.size(keyFile) == 0;
      if (!Files.exists(keyFile) || empty) {
        if (!create) {
          return Optional.empty();
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
        return Optional.of(key);
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
      return Optional.of(key);
    } catch (IOException e) {
      LOG.warning("cannot use the secrets key " + keyFile + ": " + e);
      throw CellException.internal("cannot read or write the secrets key", e);
    }
  }
}
