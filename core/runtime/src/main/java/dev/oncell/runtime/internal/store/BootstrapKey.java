package dev.oncell.runtime.internal.store;

import dev.oncell.runtime.ApiKeyInfo;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.IssuedKey;
import dev.oncell.runtime.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one active bootstrap key: this start's {@code ONCELL_API_KEY}, or the generated key in {@code
 * operator.key}. Replacing it revokes the previous one in the same transaction that stores the new
 * one, and a generated key's file is renamed into place only after that transaction committed, so
 * the file never names a key that does not work. A revoked key never comes back.
 */
public final class BootstrapKey {

  static final String GENERATED = "generated";
  static final String FROM_ENV = "ONCELL_API_KEY";
  private static final Logger LOG = Logger.getLogger(BootstrapKey.class.getName());
  private static final int MIN_ENV_KEY_LENGTH = 16;

  private final ApiKeyStore keys;
  private final ControlPlane controlPlane;
  private final OperatorKeyFile keyFile;
  private final Clock clock;

  BootstrapKey(ApiKeyStore keys, ControlPlane controlPlane, OperatorKeyFile keyFile, Clock clock) {
    this.keys = keys;
    this.controlPlane = controlPlane;
    this.keyFile = keyFile;
    this.clock = clock;
  }

  /** See {@link dev.oncell.runtime.ApiKeys#bootstrapOperatorKey(Optional)}. */
  synchronized Optional<String> start(Optional<String> fromEnvironment) {
    if (fromEnvironment.isPresent()) {
      String key = fromEnvironment.get();
      checkEnvironmentKey(key);
      Optional<ApiKeyInfo> existing = keys.findByHash(key);
      if (existing.isPresent()) {
        refuseUnlessActiveBootstrap(existing.get());
        revokeOtherBootstrapKeys(existing.get().id());
      } else if (replaceBootstrap(key, FROM_ENV, Optional.empty()) > 0) {
        LOG.info("ONCELL_API_KEY is a new operator key; the previous bootstrap key is revoked");
      }
      if (keyFile.read().isPresent()) {
        keyFile.delete(); // it can only hold a bootstrap key that is now revoked
      }
      return Optional.empty();
    }
    Optional<ApiKeyInfo> inFile = keyFile.read().flatMap(keys::findByHash);
    if (inFile.isPresent() && inFile.get().bootstrap() && active(inFile.get())) {
      revokeOtherBootstrapKeys(inFile.get().id());
      return Optional.empty();
    }
    String key = ApiKeyStore.newToken("oc_op_");
    if (replaceBootstrap(key, GENERATED, Optional.of(keyFile.prepare(key))) > 0) {
      LOG.info("generated a new operator key; the previous bootstrap key is revoked");
    }
    return Optional.of(key);
  }

  /** See {@link dev.oncell.runtime.ApiKeys#rotateBootstrapKey()}. */
  synchronized IssuedKey rotate() {
    String key = ApiKeyStore.newToken("oc_op_");
    replaceBootstrap(key, GENERATED, Optional.of(keyFile.prepare(key)));
    LOG.info("rotated the operator's bootstrap key; the previous one is revoked");
    return new IssuedKey(keys.findByHash(key).orElseThrow(), key);
  }

  private boolean active(ApiKeyInfo info) {
    return info.status(clock.instant()) == ApiKeyInfo.Status.ACTIVE;
  }

  /** A revoked key never comes back, and a key issued through the API is not a start-up key. */
  private void refuseUnlessActiveBootstrap(ApiKeyInfo info) {
    if (info.bootstrap() && active(info)) {
      return;
    }
    String what =
        switch (info.status(clock.instant())) {
          case REVOKED -> "was revoked at " + info.revokedAt().orElseThrow();
          case EXPIRED -> "expired at " + info.expiresAt().orElseThrow();
          case ACTIVE -> "was issued through the API, not as the bootstrap key";
        };
    throw CellException.invalid(
        "revoked_api_key",
        "ONCELL_API_KEY is key "
            + info.id()
            + ", which "
            + what
            + "; choose a new one, or unset it to use (or generate) the key in operator.key");
  }

  /**
   * In one transaction: revokes every active bootstrap key and stores {@code key} as the new one;
   * then puts its prepared key file in place (or throws it away if the transaction failed).
   *
   * @return how many keys were revoked
   */
  private int replaceBootstrap(String key, String name, Optional<OperatorKeyFile.Pending> file) {
    Instant now = clock.instant();
    ApiKeyInfo info =
        new ApiKeyInfo(
            ApiKeyStore.newId(),
            name,
            ApiKeyStore.hint(key),
            Principal.Scope.OPERATOR,
            Optional.empty(),
            true,
            now,
            Optional.empty(),
            Optional.empty());
    int revoked;
    try (Connection c = controlPlane.connection()) {
      c.setAutoCommit(false);
      try {
        revoked = revokeBootstrapKeys(c, Optional.empty(), now);
        ApiKeyStore.insert(c, ApiKeyStore.hash(key), info);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      file.ifPresent(OperatorKeyFile.Pending::abandon);
      throw ControlPlane.failure("replace the bootstrap key", e);
    } catch (RuntimeException e) {
      file.ifPresent(OperatorKeyFile.Pending::abandon);
      throw e;
    }
    file.ifPresent(OperatorKeyFile.Pending::commit);
    return revoked;
  }

  /** Revokes active bootstrap keys other than {@code keep} (after an upgrade there may be two). */
  private void revokeOtherBootstrapKeys(String keep) {
    try (Connection c = controlPlane.connection()) {
      if (revokeBootstrapKeys(c, Optional.of(keep), clock.instant()) > 0) {
        LOG.info("revoked the other bootstrap key: only this start's key is the bootstrap key");
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("revoke old bootstrap keys", e);
    }
  }

  private static int revokeBootstrapKeys(Connection c, Optional<String> keep, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE api_keys SET revoked_at = ? WHERE bootstrap AND revoked_at IS NULL"
                + " AND id <> ?")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, keep.orElse(""));
      return s.executeUpdate();
    }
  }

  private static void checkEnvironmentKey(String key) {
    if (key.length() < MIN_ENV_KEY_LENGTH
        || key.length() > ApiKeyStore.MAX_TOKEN_LENGTH
        || key.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
      throw CellException.invalid(
          "weak_api_key",
          "ONCELL_API_KEY must have "
              + MIN_ENV_KEY_LENGTH
              + " to "
              + ApiKeyStore.MAX_TOKEN_LENGTH
              + " characters, without spaces or control characters");
    }
  }
}
