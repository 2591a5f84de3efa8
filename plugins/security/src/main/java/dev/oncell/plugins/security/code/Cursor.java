package dev.oncell.plugins.security.code;

/**
 * A cursor over a native syntax tree, as {@link ParsedFile} copies it: moves, and the numbers of
 * the node it is on. Closing frees the native cursor.
 */
interface Cursor extends AutoCloseable {

  boolean gotoFirstChild();

  boolean gotoNextSibling();

  boolean gotoParent();

  int symbol();

  int fieldId();

  int startByte();

  int endByte();

  @Override
  void close();
}
