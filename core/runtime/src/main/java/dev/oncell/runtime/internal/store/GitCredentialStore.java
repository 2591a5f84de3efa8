package dev.oncell.runtime.internal.store;

import dev.oncell.git.GitCredential;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.GitCredentialInfo;
import dev.oncell.runtime.GitCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Customers' git credentials in the control plane's {@code git_credentials} table, one row per
 * customer and host. The token is sealed by the host's {@link AtRestCipher} (the same key and
 * mechanism as the operator's secrets) with the customer and host as associated data, so a row's
 * ciphertext copied to another customer or host does not open. The row references its customer
 * ({@code ON DELETE CASCADE}) and {@link ControlPlane#deleteCustomer} removes the rows in the same
 * transaction as the customer: a customer made later under the same id starts with none, and a
 * {@code set} racing a deletion fails instead of leaving a row behind. Nothing here logs a token or
 * puts one in an exception message.
 */
public final class GitCredentialStore implements GitCredentials {

  private final ControlPlane controlPlane;
  private final AtRestCipher cipher;
  private final Clock clock;

  public GitCredentialStore(ControlPlane controlPlane, AtRestCipher cipher, Clock clock) {
    this.controlPlane = controlPlane;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  public GitCredentialInfo set(
      String customerId, String host, Optional<String> username, String token) {
    Objects.requireNonNull(username, "username");
    String h = GitCredentialRules.host(host);
    GitCredentialRules.username(username);
    GitCredentialRules.token(token);
    CustomerIds.check(customerId);
    AtRestCipher.Sealed sealed = cipher.seal(associatedData(customerId, h), token);
    // H2 keeps microseconds: the answer carries what a listing will show.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try (Connection c = controlPlane.connection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement s =
            c.prepareStatement(
                "MERGE INTO git_credentials t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS"
                    + " VARCHAR))) AS v(customer_id, host) ON t.customer_id = v.customer_id AND"
                    + " t.host = v.host WHEN MATCHED THEN UPDATE SET username = ?, nonce = ?,"
                    + " ciphertext = ?, updated_at = ? WHEN NOT MATCHED THEN INSERT (customer_id,"
                    + " host, username, nonce, ciphertext, created_at, updated_at) VALUES"
                    + " (v.customer_id, v.host, ?, ?, ?, ?, ?)")) {
          s.setString(1, customerId);
          s.setString(2, h);
          s.setString(3, username.orElse(null));
          s.setBytes(4, sealed.nonce());
          s.setBytes(5, sealed.ciphertext());
          s.setTimestamp(6, Timestamp.from(now));
          s.setString(7, username.orElse(null));
          s.setBytes(8, sealed.nonce());
          s.setBytes(9, sealed.ciphertext());
          s.setTimestamp(10, Timestamp.from(now));
          s.setTimestamp(11, Timestamp.from(now));
          s.executeUpdate();
        }
        Instant createdAt;
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT created_at FROM git_credentials WHERE customer_id = ? AND host = ?")) {
          s.setString(1, customerId);
          s.setString(2, h);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            createdAt = rs.getTimestamp(1).toInstant();
          }
        }
        c.commit();
        CellDatabase.sync(c);
        return new GitCredentialInfo(
            customerId, h, username, SecretStore.hint(token), createdAt, now);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true); // the connection goes back to the pool
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("store a git credential of " + customerId, e);
    }
  }

  @Override
  public List<GitCredentialInfo> list(String customerId) {
    CustomerIds.check(customerId);
    List<GitCredentialInfo> out = new ArrayList<>();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT host, username, nonce, ciphertext, created_at, updated_at"
                    + " FROM git_credentials WHERE customer_id = ? ORDER BY host")) {
      s.setString(1, customerId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String host = rs.getString(1);
          String hint;
          try {
            hint = SecretStore.hint(open(customerId, host, rs.getBytes(3), rs.getBytes(4)));
          } catch (CellException e) {
            hint = "(cannot be decrypted)";
          }
          out.add(
              new GitCredentialInfo(
                  customerId,
                  host,
                  Optional.ofNullable(rs.getString(2)),
                  hint,
                  rs.getTimestamp(5).toInstant(),
                  rs.getTimestamp(6).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("list the git credentials of " + customerId, e);
    }
    return out;
  }

  @Override
  public boolean delete(String customerId, String host) {
    String h = GitCredentialRules.host(host);
    CustomerIds.check(customerId);
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM git_credentials WHERE customer_id = ? AND host = ?")) {
      s.setString(1, customerId);
      s.setString(2, h);
      boolean deleted = s.executeUpdate() > 0;
      CellDatabase.sync(c);
      return deleted;
    } catch (SQLException e) {
      throw ControlPlane.failure("delete a git credential of " + customerId, e);
    }
  }

  /**
   * The credential of {@code customerId} for {@code host} (a remote URL's host, compared as {@code
   * set} stores it), for the host's own git and forge calls on that customer's behalf. Empty for an
   * unknown customer, a host that is not a valid one, or no credential.
   *
   * @throws CellException {@code git_credential_undecryptable} (INVALID) when the secrets key was
   *     replaced or lost since it was set
   */
  public Optional<GitCredential> find(String customerId, String host) {
    String h;
    try {
      h = GitCredentialRules.host(host);
    } catch (CellException e) {
      return Optional.empty();
    }
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT username, nonce, ciphertext FROM git_credentials"
                    + " WHERE customer_id = ? AND host = ?")) {
      s.setString(1, customerId);
      s.setString(2, h);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String token = open(customerId, h, rs.getBytes(2), rs.getBytes(3));
        return Optional.of(new GitCredential(h, Optional.ofNullable(rs.getString(1)), token));
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("read a git credential of " + customerId, e);
    }
  }

  private String open(String customerId, String host, byte[] nonce, byte[] ciphertext) {
    return cipher.open(
        associatedData(customerId, host),
        nonce,
        ciphertext,
        "git_credential_undecryptable",
        "the git credential of customer '" + customerId + "' for " + host,
        "set it again with oncell git credentials set --customer "
            + customerId
            + " --host "
            + host);
  }

  /** Never a valid secret name (it has a ':'), so no secret's ciphertext opens here, nor back. */
  private static String associatedData(String customerId, String host) {
    return "git-credential:" + customerId + "/" + host;
  }
}
