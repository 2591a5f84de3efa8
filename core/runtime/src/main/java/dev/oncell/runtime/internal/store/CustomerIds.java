package dev.oncell.runtime.internal.store;

import dev.oncell.runtime.CellException;
import java.util.regex.Pattern;

/** The one rule for customer ids: a cell's folder name and the key of everything it owns. */
public final class CustomerIds {

  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private CustomerIds() {}

  /**
   * @throws CellException {@code invalid_customer_id} (INVALID)
   */
  public static void check(String id) {
    if (id == null || !PATTERN.matcher(id).matches()) {
      String shown = id == null ? "null" : id.length() > 80 ? id.substring(0, 80) + "..." : id;
      throw CellException.invalid(
          "invalid_customer_id", "customer id '" + shown + "' must match " + PATTERN.pattern());
    }
  }
}
