package dev.oncell.search;

/**
 * The root of this module's failures. {@link #invalid()} marks a bad request (empty query, invalid
 * regex or glob, topK out of range), as opposed to an I/O fault of the index.
 */
public class SearchException extends RuntimeException {

  private final boolean invalid;

  public SearchException(String message, boolean invalid) {
    super(message);
    this.invalid = invalid;
  }

  public SearchException(String message, boolean invalid, Throwable cause) {
    super(message, cause);
    this.invalid = invalid;
  }

  public boolean invalid() {
    return invalid;
  }
}
