package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A customer's git credential as {@code /v1/customers/:id/git/credentials} shows it: never the
 * token, only its hint. {@code username} is {@code null} when none was given.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitCredentialJson(
    String customer,
    String host,
    String username,
    String hint,
    String createdAt,
    String updatedAt) {}
