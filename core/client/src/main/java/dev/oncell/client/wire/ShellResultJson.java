package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code POST /v1/customers/:id/shell}: what a command produced. Read from a server that leaves
 * fields out, {@code stdout}, {@code stderr} and {@code failed} are {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShellResultJson(
    String stdout,
    String stderr,
    int exitCode,
    Boolean failed,
    boolean timedOut,
    long durationMs,
    boolean truncated) {}
