package dev.oncell.runtime.internal;

import dev.oncell.runtime.ApiKeys;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys in the control plane. Tokens carry 256 random bits, so a plain SHA-256 is a safe hash:
 * there is nothing to brute-force, and lookups stay one indexed read.
 */
final class ApiKeyStore implements ApiKeys {

  static final String OPERATOR_KEY_FILE = "operator.key";
  private static final String GENERATED = "generated";
  private static final String FROM_ENV = "ONCELL_API_KEY";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ControlPlane controlPlane;
  private final Path home;
  private final Clock clock;

  ApiKeyStore(ControlPlane controlPlane, Path home, Clock clock) {
    this.controlPlane = controlPlane;
    this.home = home;
    this.clock = clock;
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    if (token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT scope, customer_id, label FROM api_keys WHERE key_hash = ?")) {
      s.setString(1, hash(token));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Principal(
                Principal.Scope.valueOf(rs.getString(1)),
                Optional.ofNullable(rs.getString(2)),
                rs.getString(3)));
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("check an API key", e);
    }
  }

  @Override
  public Optional<String> bootstrapOperatorKey(Optional<String> fromEnvironment) {
    if (fromEnvironment.isPresent()) {
      String key = fromEnvironment.get();
      if (key.length() < 16) {
        throw CellException.invalid(
            "weak_api_key", "ONCELL_API_KEY must have at least 16 characters");
      }
      if (authenticate(key).isEmpty()) {
        insert(key, Principal.Scope.OPERATOR, Optional.empty(), FROM_ENV);
      }
      return Optional.empty();
    }
    if (hasLabel(GENERATED)) {
      return Optional.empty();
    }
    String key = newToken("oc_op_");
    Path file = home.resolve(OPERATOR_KEY_FILE);
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw CellException.internal("cannot write the operator key to " + file, e);
    }
    insert(key, Principal.Scope.OPERATOR, Optional.empty(), GENERATED);
    return Optional.of(key);
  }

  @Override
  public String issueCustomerToken(String customerId, String label) {
    String token = newToken("oc_cu_");
    insert(token, Principal.Scope.CUSTOMER, Optional.of(customerId), label);
    return token;
  }

  private boolean hasLabel(String label) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s = c.prepareStatement("SELECT 1 FROM api_keys WHERE label = ?")) {
      s.setString(1, label);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("read API keys", e);
    }
  }

  private void insert(
      String token, Principal.Scope scope, Optional<String> customer, String label) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO api_keys (key_hash, scope, customer_id, label, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, hash(token));
      s.setString(2, scope.name());
      s.setString(3, customer.orElse(null));
      s.setString(4, label);
      s.setTimestamp(5, Timestamp.from(clock.instant()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("store an API key", e);
    }
  }

  private static String newToken(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
