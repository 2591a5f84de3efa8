package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.CreateKeyJson;
import dev.oncell.client.wire.KeyJson;
import dev.oncell.client.wire.KeysJson;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.IssuedKey;
import dev.oncell.runtime.NewKey;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/keys}: list (hints only), create (the key is in that one answer), revoke, and rotate
 * the bootstrap key. Operator keys only: the auth filter refuses customer keys on these paths.
 */
final class KeyHandlers {

  private static final Set<String> FIELDS = RequestBodies.fields(CreateKeyJson.class);

  private final Host host;
  private final RequestBodies bodies;

  KeyHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void list(ServerRequest req, ServerResponse res) {
    Instant now = host.config().clock().instant();
    Responses.json(
        res,
        200,
        new KeysJson(host.apiKeys().list().stream().map(k -> Wire.key(k, now, null)).toList()));
  }

  void create(ServerRequest req, ServerResponse res) {
    ObjectNode body = bodies.object(req, FIELDS);
    Instant now = host.config().clock().instant();
    String scope = RequestBodies.requiredText(body, "scope");
    Optional<String> customer = RequestBodies.optionalText(body, "customer");
    NewKey request =
        switch (scope) {
          case "operator" -> {
            if (customer.isPresent()) {
              throw ApiException.badRequest(
                  "invalid_scope", "an operator key reaches every customer; drop 'customer'");
            }
            yield NewKey.operator();
          }
          case "customer" ->
              NewKey.customer(
                  customer.orElseThrow(
                      () ->
                          ApiException.badRequest(
                              "invalid_request", "a customer key needs 'customer': its id")));
          default ->
              throw ApiException.badRequest(
                  "invalid_scope", "'scope' is 'operator' or 'customer', not '" + scope + "'");
        };
    request = request.withName(RequestBodies.optionalText(body, "name").orElse(""));
    Optional<Instant> expiry = expiry(body, now);
    if (expiry.isPresent()) {
      request = request.withExpiry(expiry.get());
    }
    Responses.json(res, 201, issued(host.apiKeys().create(request), now));
  }

  void revoke(ServerRequest req, ServerResponse res) {
    host.apiKeys().revoke(req.path().pathParameters().get("id"));
    Responses.noContent(res);
  }

  void rotateBootstrap(ServerRequest req, ServerResponse res) {
    Instant now = host.config().clock().instant();
    Responses.json(res, 200, issued(host.apiKeys().rotateBootstrapKey(), now));
  }

  /** {@code expiresIn} (a duration from now) or {@code expiresAt} (an instant), not both. */
  private static Optional<Instant> expiry(ObjectNode body, Instant now) {
    Optional<String> in = RequestBodies.optionalText(body, "expiresIn");
    Optional<String> at = RequestBodies.optionalText(body, "expiresAt");
    if (in.isPresent() && at.isPresent()) {
      throw ApiException.badRequest("invalid_expiry", "give 'expiresIn' or 'expiresAt', not both");
    }
    if (in.isPresent()) {
      Duration d = duration(in.get());
      if (d.isNegative() || d.isZero()) {
        throw ApiException.badRequest(
            "invalid_expiry", "'expiresIn' must be positive, not '" + in.get() + "'");
      }
      try {
        return Optional.of(now.plus(d));
      } catch (DateTimeException | ArithmeticException e) {
        throw ApiException.badRequest("invalid_expiry", "'expiresIn' is too long: " + in.get());
      }
    }
    if (at.isPresent()) {
      try {
        return Optional.of(OffsetDateTime.parse(at.get()).toInstant());
      } catch (DateTimeException e) {
        throw ApiException.badRequest(
            "invalid_expiry",
            "'expiresAt' must be an ISO-8601 time such as 2027-01-31T00:00:00Z, not '"
                + at.get()
                + "'");
      }
    }
    return Optional.empty();
  }

  private static Duration duration(String text) {
    try {
      return dev.oncell.agent.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid_expiry", dev.oncell.agent.Durations.message("'expiresIn'", text));
    }
  }

  private static KeyJson issued(IssuedKey issued, Instant now) {
    return Wire.key(issued.info(), now, issued.token());
  }
}
