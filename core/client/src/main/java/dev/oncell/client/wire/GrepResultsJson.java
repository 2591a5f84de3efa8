package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code POST /v1/customers/:id/grep}: matching lines, whether the list was cut, time taken. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrepResultsJson(List<Line> matches, boolean truncated, long tookMs) {

  /** One matching line (1-based). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Line(String path, int line, String text) {}
}
