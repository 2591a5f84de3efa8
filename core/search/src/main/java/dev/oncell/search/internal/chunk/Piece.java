package dev.oncell.search.internal.chunk;

/**
 * A run of whole lines on its way to become a chunk.
 *
 * @param first first row, 0-based
 * @param last last row, inclusive
 * @param chars characters of the rows, line terminators included
 * @param label kind and symbol
 * @param group the sibling list this piece came from: pieces merge freely within it
 * @param definition the definition this piece is (part of), or {@link #GLUE} for leftovers
 *     (imports, fields, statements) that may join any neighbour
 * @param definitionChars size of the largest definition in this piece; two definitions share a
 *     chunk only if both are small
 */
record Piece(
    int first, int last, int chars, Label label, int group, int definition, int definitionChars) {

  static final int GLUE = -1;

  boolean glue() {
    return definition == GLUE;
  }
}
