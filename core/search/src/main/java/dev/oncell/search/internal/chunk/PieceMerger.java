package dev.oncell.search.internal.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges neighbouring pieces of one sibling list, greedily from the top, while the result stays
 * within the size cap:
 *
 * <ul>
 *   <li>parts of one definition always may merge;
 *   <li>leftovers ({@link Piece#glue()}: imports, fields, top-level statements) join any neighbour
 *       of their list, including the first or last part of a split sibling;
 *   <li>two definitions share a chunk only if both are small (getters, one-line functions): a
 *       larger definition keeps a chunk, and its symbol, to itself.
 * </ul>
 *
 * A merged piece takes the label of its first definition, or of its first piece if it holds none.
 */
final class PieceMerger {

  private final int maxChars;
  private final int smallChars;

  PieceMerger(int maxChars, int smallChars) {
    this.maxChars = maxChars;
    this.smallChars = smallChars;
  }

  int maxChars() {
    return maxChars;
  }

  int smallChars() {
    return smallChars;
  }

  /** Merges {@code pieces}, the result of splitting one list of siblings {@code group}. */
  List<Piece> merge(List<Piece> pieces, int group) {
    if (pieces.size() < 2) {
      return pieces;
    }
    List<Piece> merged = new ArrayList<>(pieces.size());
    Piece current = pieces.getFirst();
    for (int i = 1; i < pieces.size(); i++) {
      Piece next = pieces.get(i);
      if (current.chars() + next.chars() <= maxChars && mergeable(current, next, group)) {
        current = combine(current, next, group);
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return merged;
  }

  private boolean mergeable(Piece a, Piece b, int group) {
    if (!a.glue() && a.definition() == b.definition()) {
      return true;
    }
    boolean siblings =
        a.group() == b.group()
            || (a.glue() && a.group() == group)
            || (b.glue() && b.group() == group);
    if (!siblings) {
      return false;
    }
    if (a.glue() || b.glue()) {
      return true;
    }
    return a.definitionChars() < smallChars && b.definitionChars() < smallChars;
  }

  private static Piece combine(Piece a, Piece b, int group) {
    boolean aLeads = !a.glue() || b.glue();
    return new Piece(
        a.first(),
        b.last(),
        a.chars() + b.chars(),
        aLeads ? a.label() : b.label(),
        a.glue() && a.group() == group ? b.group() : a.group(),
        a.glue() ? b.definition() : a.definition(),
        Math.max(a.definitionChars(), b.definitionChars()));
  }
}
