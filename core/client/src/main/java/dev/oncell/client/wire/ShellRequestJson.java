package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Request of {@code POST /v1/customers/:id/shell}; the optional fields are left out when {@code
 * null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShellRequestJson(
    String command, Long timeoutMs, String stdin, Map<String, String> env, String cwd) {}
