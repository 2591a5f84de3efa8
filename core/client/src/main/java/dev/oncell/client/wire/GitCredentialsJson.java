package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/customers/:id/git/credentials}: sorted by host. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitCredentialsJson(List<GitCredentialJson> credentials) {}
