package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code POST /v1/customers/:id/search}: the hits, best first, and the time taken. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchResultsJson(List<Hit> hits, long tookMs) {

  /** One hit; {@code symbol} is {@code null} when the chunk has none. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Hit(
      String path,
      String content,
      double score,
      int startLine,
      int endLine,
      String symbol,
      String language) {}
}
