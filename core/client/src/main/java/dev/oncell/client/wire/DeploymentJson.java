package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A deployed agent version. {@code sandbox} is the backend it asked for ({@code null}: the host's
 * default); {@code backend} the one its cells run in on this host.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentJson(
    String id,
    String pluginId,
    String agent,
    String version,
    String env,
    String sha256,
    List<String> methods,
    boolean active,
    String createdAt,
    String sandbox,
    String backend) {}
