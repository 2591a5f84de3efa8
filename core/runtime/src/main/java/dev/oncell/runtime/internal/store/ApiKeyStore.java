package dev.oncell.runtime.internal.store;

import dev.oncell.runtime.ApiKeyInfo;
import dev.oncell.runtime.ApiKeys;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.CellState;
import dev.oncell.runtime.IssuedKey;
import dev.oncell.runtime.NewKey;
import dev.oncell.runtime.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the control plane. Generated keys carry 256 random bits, so a plain SHA-256 is a safe
 * hash: there is nothing to brute-force, and a lookup stays one indexed read. Each row has a random
 * public id (not derived from the key) and a hint; the key itself is never stored, logged or put in
 * an exception message. The bootstrap key's rules are {@link BootstrapKey}'s.
 */
public final class ApiKeyStore implements ApiKeys {

  static final int MAX_TOKEN_LENGTH = 512;
  private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS =
      "id, label, hint, scope, customer_id, bootstrap, created_at, expires_at, revoked_at";

  private final ControlPlane controlPlane;
  private final Clock clock;
  private final BootstrapKey bootstrap;

  public ApiKeyStore(ControlPlane controlPlane, Path home, Clock clock) {
    this.controlPlane = controlPlane;
    this.clock = clock;
    this.bootstrap = new BootstrapKey(this, controlPlane, new OperatorKeyFile(home), clock);
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    // A customer key works only for the customer it was made for: one deleted and made again
    // later under the same id is another customer (its created_at is after the key's).
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT k.scope, k.customer_id, k.label FROM api_keys k"
                    + " LEFT JOIN customers c ON c.id = k.customer_id"
                    + " WHERE k.key_hash = ? AND k.revoked_at IS NULL"
                    + " AND (k.expires_at IS NULL OR k.expires_at > ?)"
                    + " AND (k.scope = 'OPERATOR' OR c.created_at <= k.created_at)")) {
      s.setString(1, hash(token));
      s.setTimestamp(2, Timestamp.from(clock.instant()));
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
    return bootstrap.start(fromEnvironment);
  }

  @Override
  public IssuedKey rotateBootstrapKey() {
    return bootstrap.rotate();
  }

  @Override
  public IssuedKey create(NewKey request) {
    String name = request.name().strip();
    if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
      throw CellException.invalid(
          "invalid_key_name",
          "a key name is at most " + MAX_NAME_LENGTH + " characters, without control characters");
    }
    Instant now = clock.instant();
    if (request.expiresAt().isPresent() && !request.expiresAt().get().isAfter(now)) {
      throw CellException.invalid(
          "invalid_expiry",
          "the expiry " + request.expiresAt().get() + " is not in the future (now " + now + ")");
    }
    if (request.expiresAt().filter(LATEST_EXPIRY::isBefore).isPresent()) {
      throw CellException.invalid(
          "invalid_expiry",
          "the expiry " + request.expiresAt().get() + " is after " + LATEST_EXPIRY);
    }
    if (request.customer().isPresent()) {
      String customer = request.customer().get();
      if (controlPlane.customer(customer).filter(c -> c.state() != CellState.DELETING).isEmpty()) {
        throw CellException.invalid(
            "unknown_customer", "no customer '" + customer + "' to make a key for");
      }
    }
    String token = newToken(request.scope() == Principal.Scope.OPERATOR ? "oc_op_" : "oc_cu_");
    ApiKeyInfo info =
        new ApiKeyInfo(
            newId(),
            name,
            hint(token),
            request.scope(),
            request.customer(),
            false,
            now,
            request.expiresAt(),
            Optional.empty());
    try (Connection c = controlPlane.connection()) {
      insert(c, hash(token), info);
    } catch (SQLException e) {
      throw ControlPlane.failure("store an API key", e);
    }
    return new IssuedKey(info, token);
  }

  @Override
  public List<ApiKeyInfo> list() {
    List<ApiKeyInfo> out = new ArrayList<>();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(info(rs));
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("list API keys", e);
    }
    return out;
  }

  @Override
  public synchronized ApiKeyInfo revoke(String id) {
    ApiKeyInfo info =
        find("id", id)
            .orElseThrow(() -> CellException.notFound("not_found", "no key with id '" + id + "'"));
    if (info.revokedAt().isPresent()) {
      return info;
    }
    if (info.bootstrap()) {
      throw CellException.conflict(
          "bootstrap_key",
          "key "
              + id
              + " is the bootstrap key; replace it with POST /v1/keys/bootstrap/rotate"
              + " (oncell keys rotate-bootstrap) or a restart with a new ONCELL_API_KEY");
    }
    Instant now = clock.instant();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw ControlPlane.failure("revoke key " + id, e);
    }
    return find("id", id).orElseThrow();
  }

  Optional<ApiKeyInfo> findByHash(String token) {
    return find("key_hash", hash(token));
  }

  /** The key whose {@code column} (a constant of this class) is {@code value}. */
  private Optional<ApiKeyInfo> find(String column, String value) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE " + column + " = ?")) {
      s.setString(1, value);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(info(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("read API keys", e);
    }
  }

  private static ApiKeyInfo info(ResultSet rs) throws SQLException {
    return new ApiKeyInfo(
        rs.getString("id"),
        rs.getString("label"),
        rs.getString("hint"),
        Principal.Scope.valueOf(rs.getString("scope")),
        Optional.ofNullable(rs.getString("customer_id")),
        rs.getBoolean("bootstrap"),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(rs.getTimestamp("expires_at")).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(Timestamp::toInstant));
  }

  static void insert(Connection c, String keyHash, ApiKeyInfo k) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO api_keys (key_hash, "
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, keyHash);
      s.setString(2, k.id());
      s.setString(3, k.name());
      s.setString(4, k.hint());
      s.setString(5, k.scope().name());
      s.setString(6, k.customer().orElse(null));
      s.setBoolean(7, k.bootstrap());
      s.setTimestamp(8, Timestamp.from(k.createdAt()));
      s.setTimestamp(9, k.expiresAt().map(Timestamp::from).orElse(null));
      s.setTimestamp(10, k.revokedAt().map(Timestamp::from).orElse(null));
      s.executeUpdate();
    }
  }

  /**
   * The key's kind prefix ({@code oc_op_}, {@code oc_cu_}) and last four characters, for a key of
   * 24 characters or more; only {@code ****} for a shorter one (a person chose it, and four
   * characters of sixteen are too many to give away).
   */
  static String hint(String token) {
    if (token.length() < 24) {
      return "****";
    }
    String prefix =
        token.startsWith("oc_op_") || token.startsWith("oc_cu_") ? token.substring(0, 6) : "";
    return prefix + "****" + token.substring(token.length() - 4);
  }

  static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "key_" + HexFormat.of().formatHex(bytes);
  }

  static String newToken(String prefix) {
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
