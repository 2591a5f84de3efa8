package dev.oncell.plugins.security.code;

import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * The bindings' own cursor (JNI): every call builds or reads a Java {@code TSNode}, which made
 * copying a tree three to ten times slower than parsing it. Used only where {@link FfmCursor}
 * cannot be set up.
 */
final class JniCursor implements Cursor {

  private final TSTreeCursor cursor;
  private TSNode node;

  JniCursor(TSNode root) {
    this.cursor = new TSTreeCursor(root);
    this.node = root;
  }

  @Override
  public boolean gotoFirstChild() {
    return moved(cursor.gotoFirstChild());
  }

  @Override
  public boolean gotoNextSibling() {
    return moved(cursor.gotoNextSibling());
  }

  @Override
  public boolean gotoParent() {
    return moved(cursor.gotoParent());
  }

  private boolean moved(boolean moved) {
    if (moved) {
      node = cursor.currentNode();
    }
    return moved;
  }

  @Override
  public int symbol() {
    return node.getSymbol();
  }

  @Override
  public int fieldId() {
    return cursor.currentFieldId();
  }

  @Override
  public int startByte() {
    return node.getStartByte();
  }

  @Override
  public int endByte() {
    return node.getEndByte();
  }

  @Override
  public void close() {
    cursor.close();
  }
}
