package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /health}: {@code status} is {@code ok}, with the server's version and sandbox. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthJson(String status, String version, String sandbox) {}
