package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Request of {@code POST /v1/keys}: {@code scope} is {@code operator} or {@code customer}; {@code
 * expiresIn} a duration, {@code expiresAt} an ISO-8601 time (not both). The optional fields are
 * left out when {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateKeyJson(
    String scope, String customer, String expiresIn, String expiresAt, String name) {}
