package dev.oncell.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of a run, numbered from 1. The last event of every run is {@code result} or {@code
 * error}.
 */
public record RunEvent(long seq, String type, JsonNode data, Instant at) {

  public boolean last() {
    return type.equals("result") || type.equals("error");
  }
}
