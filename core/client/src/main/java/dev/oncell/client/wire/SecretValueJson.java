package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Request of {@code PUT /v1/secrets/:name}: the value, which no answer ever carries. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretValueJson(String value) {

  @Override
  public String toString() {
    return "SecretValueJson[****]";
  }
}
