package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API key as {@code /v1/keys} shows it: never the key itself, except in {@code key}, which only
 * the answer that issues it carries (left out otherwise). {@code scope} is {@code operator} or
 * {@code customer}; {@code status} is {@code active}, {@code expired} or {@code revoked}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyJson(
    String id,
    String name,
    String hint,
    String scope,
    String customer,
    boolean bootstrap,
    String status,
    String createdAt,
    String expiresAt,
    String revokedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

  @Override
  public String toString() {
    return "KeyJson[" + id + " " + hint + "]";
  }
}
