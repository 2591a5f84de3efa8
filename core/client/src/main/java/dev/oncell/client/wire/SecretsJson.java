package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/secrets}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretsJson(List<SecretJson> secrets) {}
