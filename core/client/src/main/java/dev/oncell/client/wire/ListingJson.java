package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a directory listing ({@code GET /v1/customers/:id/files/<dir>}): {@code next} is the
 * name to pass as {@code ?after=} for the next page, {@code null} on the last; {@code unreadable}
 * counts entries that could not be read, left out when there are none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListingJson(
    String path,
    List<Entry> entries,
    String next,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer unreadable) {

  /** One entry: {@code type} is {@code file}, {@code dir}, {@code symlink} or {@code other}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(String name, String type, long size) {}
}
