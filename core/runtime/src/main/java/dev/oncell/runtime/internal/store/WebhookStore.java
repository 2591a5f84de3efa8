package dev.oncell.runtime.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.WebhookForge;
import dev.oncell.runtime.WebhookInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.h2.api.ErrorCode;

/**
 * Webhook settings in the control plane: per customer and forge, the secret, encrypted by the the
 * host's {@link AtRestCipher} (the key and mechanism of secrets) under the label {@code
 * webhook:<customer>:<forge>}, and the method each event starts. Rows go with their customer (a
 * foreign key with {@code ON DELETE CASCADE}), so a customer made later under the same id inherits
 * nothing. Nothing here logs a secret or puts one in a message.
 */
public final class WebhookStore {

  private final ControlPlane controlPlane;
  private final AtRestCipher cipher;
  private final Clock clock;

  public WebhookStore(ControlPlane controlPlane, AtRestCipher cipher, Clock clock) {
    this.controlPlane = controlPlane;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * A stored webhook with its secret, for verifying deliveries; {@link #toString()} leaves the
   * secret out.
   */
  public record Stored(
      String customerId,
      WebhookForge forge,
      SortedMap<String, String> methods,
      String secret,
      Instant updatedAt) {
    public WebhookInfo info() {
      return new WebhookInfo(customerId, forge, methods, SecretStore.hint(secret), updatedAt);
    }

    @Override
    public String toString() {
      return "Stored[" + customerId + " " + forge.wire() + " " + methods + "]";
    }
  }

  /**
   * Stores (or replaces) the settings.
   *
   * @return empty if the customer does not exist (any more)
   */
  public Optional<WebhookInfo> put(
      String customer, WebhookForge forge, String secret, SortedMap<String, String> methods) {
    AtRestCipher.Sealed sealed = cipher.seal(label(customer, forge), secret);
    Instant now = clock.instant();
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement(
                "MERGE INTO webhooks (customer_id, forge, events, nonce, ciphertext, updated_at)"
                    + " KEY (customer_id, forge) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, customer);
      s.setString(2, forge.wire());
      s.setString(3, eventsJson(methods));
      s.setBytes(4, sealed.nonce());
      s.setBytes(5, sealed.ciphertext());
      s.setTimestamp(6, Timestamp.from(now));
      s.executeUpdate();
      CellDatabase.sync(c);
    } catch (SQLException e) {
      if (e.getErrorCode() == ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1) {
        return Optional.empty();
      }
      throw ControlPlane.failure("store the " + forge.wire() + " webhook of " + customer, e);
    }
    return Optional.of(new WebhookInfo(customer, forge, methods, SecretStore.hint(secret), now));
  }

  public Optional<Stored> find(String customer, WebhookForge forge) {
    return query(
            "SELECT * FROM webhooks WHERE customer_id = ? AND forge = ?", customer, forge.wire())
        .stream()
        .findFirst();
  }

  /** The customer's webhooks, by forge. */
  public List<Stored> list(String customer) {
    return query("SELECT * FROM webhooks WHERE customer_id = ? ORDER BY forge", customer);
  }

  /** Every customer's webhook for the forge, by customer. */
  public List<Stored> forForge(WebhookForge forge) {
    return query("SELECT * FROM webhooks WHERE forge = ? ORDER BY customer_id", forge.wire());
  }

  public boolean delete(String customer, WebhookForge forge) {
    try (Connection c = controlPlane.connection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM webhooks WHERE customer_id = ? AND forge = ?")) {
      s.setString(1, customer);
      s.setString(2, forge.wire());
      boolean deleted = s.executeUpdate() > 0;
      CellDatabase.sync(c);
      return deleted;
    } catch (SQLException e) {
      throw ControlPlane.failure("delete the " + forge.wire() + " webhook of " + customer, e);
    }
  }

  private List<Stored> query(String sql, String... params) {
    List<Stored> out = new ArrayList<>();
    try (Connection c = controlPlane.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String customer = rs.getString("customer_id");
          WebhookForge forge = WebhookForge.named(rs.getString("forge"));
          out.add(
              new Stored(
                  customer,
                  forge,
                  methods(rs.getString("events")),
                  open(customer, forge, rs.getBytes("nonce"), rs.getBytes("ciphertext")),
                  rs.getTimestamp("updated_at").toInstant()));
        }
      }
    } catch (SQLException e) {
      throw ControlPlane.failure("read webhooks", e);
    }
    return out;
  }

  private String open(String customer, WebhookForge forge, byte[] nonce, byte[] ciphertext) {
    return cipher.open(
        label(customer, forge),
        nonce,
        ciphertext,
        "secret_undecryptable",
        "the " + forge.wire() + " webhook secret of customer '" + customer + "'",
        "set it again with oncell webhooks set");
  }

  private static String label(String customer, WebhookForge forge) {
    return "webhook:" + customer + ":" + forge.wire();
  }

  /** {@code {"pull_request":{"method":"review"}}}, members sorted. */
  static String eventsJson(SortedMap<String, String> methods) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    methods.forEach((event, method) -> node.putObject(event).put("method", method));
    return Json.write(node);
  }

  static SortedMap<String, String> methods(String json) {
    SortedMap<String, String> out = new TreeMap<>();
    JsonNode node = Json.read(json);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().path("method").asText());
    }
    return out;
  }
}
