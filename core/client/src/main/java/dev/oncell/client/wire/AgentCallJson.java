package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** Request of {@code POST /v1/agents/:method[/stream]}: {@code input} may be JSON {@code null}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentCallJson(String customer, JsonNode input) {}
