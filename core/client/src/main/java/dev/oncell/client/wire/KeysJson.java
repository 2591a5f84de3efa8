package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/keys}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeysJson(List<KeyJson> keys) {}
