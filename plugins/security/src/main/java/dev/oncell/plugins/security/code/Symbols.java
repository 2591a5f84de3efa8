package dev.oncell.plugins.security.code;

import org.treesitter.TSLanguage;
import org.treesitter.TSSymbolType;

/**
 * A grammar's node type and field names by number, read once: copying a tree asks tree-sitter for
 * numbers only, since every string the bindings return costs a JNI allocation (the copy was most of
 * a scan's time when it asked for names).
 */
final class Symbols {

  private final String[] names;
  private final boolean[] named;
  private final String[] fields;

  Symbols(TSLanguage language) {
    int count = language.symbolCount();
    names = new String[count];
    named = new boolean[count];
    for (int i = 0; i < count; i++) {
      names[i] = language.symbolName(i);
      named[i] = language.symbolType(i) == TSSymbolType.TSSymbolTypeRegular;
    }
    int fieldCount = language.fieldCount();
    fields = new String[fieldCount + 1];
    fields[0] = "";
    for (int i = 1; i <= fieldCount; i++) {
      String name = language.fieldNameForId(i);
      fields[i] = name == null ? "" : name;
    }
  }

  /** The type of symbol {@code id}; tree-sitter's error symbol (65535) is {@code ERROR}. */
  String name(int id) {
    return id >= 0 && id < names.length && names[id] != null ? names[id] : "ERROR";
  }

  boolean named(int id) {
    return id < 0 || id >= named.length || named[id];
  }

  String field(int id) {
    return id > 0 && id < fields.length ? fields[id] : "";
  }
}
