package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A customer with what its cell runs with, as get and list answer it: the fields of {@link
 * CustomerJson} followed by {@code backend}, {@code limits}, {@code idleTimeoutSeconds} and {@code
 * diskUsage} ({@code null} until measured). Read from an answer without the cell's fields, {@code
 * backend}, {@code limits} and {@code idleTimeoutSeconds} are {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CellCustomerJson(
    @JsonUnwrapped CustomerJson customer,
    @JsonInclude(JsonInclude.Include.NON_NULL) String backend,
    @JsonInclude(JsonInclude.Include.NON_NULL) Limits limits,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long idleTimeoutSeconds,
    DiskUsage diskUsage) {

  /** The cell's sandbox limits. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Limits(double cpus, long memoryBytes, int maxProcesses, long diskBytes) {}

  /** The cell's disk use when last measured. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DiskUsage(long bytes, long files, String measuredAt) {}
}
