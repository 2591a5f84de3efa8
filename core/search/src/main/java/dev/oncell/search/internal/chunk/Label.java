package dev.oncell.search.internal.chunk;

/**
 * The kind and symbol a chunk carries.
 *
 * @param symbol qualified name, empty for none
 */
record Label(String kind, String symbol) {

  static final Label MODULE = new Label("module", "");
  static final Label LINES = new Label("lines", "");

  /** The label of a definition named {@code name} inside this one. */
  String qualify(String name) {
    return symbol.isEmpty() ? name : symbol + "." + name;
  }
}
