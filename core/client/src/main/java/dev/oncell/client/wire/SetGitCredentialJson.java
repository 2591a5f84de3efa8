package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Request of {@code PUT /v1/customers/:id/git/credentials}: the host (no scheme, port or path), an
 * optional user name (left out when {@code null}) and the token, which no answer ever carries.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetGitCredentialJson(String host, String username, String token) {

  @Override
  public String toString() {
    return "SetGitCredentialJson[" + host + ", " + username + ", ****]";
  }
}
