package dev.oncell.search.internal.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * Cuts one parsed file into {@link Piece}s that partition its rows, following the syntax tree.
 *
 * <p>The children of a node are gathered into runs of rows (children sharing a row share a run;
 * comments and decorators join the run right below them). A body of members (the file, a class)
 * becomes one piece per run: a class (unless tiny) is split at its members, its header a piece of
 * its own; another definition that fits in the size cap is one piece, a larger one is split at its
 * children (statements), descending through single children until there are several; what cannot be
 * split stays one piece for {@link ChunkEmitter} to cut into line windows. Rows between runs go to
 * the run below, rows after the last run to the last run, so that no row is lost. Each list of
 * siblings is then merged by {@link PieceMerger}.
 *
 * <p>Not thread-safe; one instance per parsed file. Closing frees the tree cursor.
 */
final class TreeSplitter implements AutoCloseable {

  /** Deeper than this, a node is left whole: generated code can nest thousands deep. */
  private static final int MAX_DEPTH = 64;

  /** A class header under this part of the cap (100 characters) is no chunk of its own. */
  private static final int TINY_HEADER_PART = 15;

  private final SourceText source;
  private final Syntax syntax;
  private final NodeTypes types;
  private final int maxChars;
  private final int smallChars;
  private final PieceMerger merger;
  private TSTreeCursor cursor;
  private int groups;
  private int definitions;

  TreeSplitter(SourceText source, Syntax syntax, NodeTypes types, PieceMerger merger) {
    this.source = source;
    this.syntax = syntax;
    this.types = types;
    this.maxChars = merger.maxChars();
    this.smallChars = merger.smallChars();
    this.merger = merger;
  }

  /** Where a body of members lies: its label, whether it is a class, the definition it is. */
  private record Scope(Label label, boolean member, int definition, boolean header) {}

  /** Rows {@code first..last} holding one or more sibling nodes. */
  private static final class Run {
    int first;
    int last;
    final List<Node> nodes = new ArrayList<>(2);
    boolean attachable;

    Run(int first, int last, Node node, boolean attachable) {
      this.first = first;
      this.last = last;
      this.nodes.add(node);
      this.attachable = attachable;
    }
  }

  /** Pieces covering every row of the file. */
  List<Piece> split(TSNode root) {
    Scope top = new Scope(Label.MODULE, false, Piece.GLUE, false);
    return members(types.node(root), 0, source.lineCount() - 1, top, 0);
  }

  private List<Piece> members(Node body, int first, int last, Scope scope, int depth) {
    int group = groups++;
    List<Run> runs = runs(body, first, last);
    List<Piece> pieces = new ArrayList<>();
    if (runs.isEmpty()) {
      pieces.add(piece(first, last, scope.label(), group, scope.definition(), -1));
      return pieces;
    }
    Run firstRun = runs.getFirst();
    boolean header = scope.header() && firstRun.first > first;
    if (header) {
      // The class's own lines before its first member: doc, annotations, declaration.
      pieces.add(piece(first, firstRun.first - 1, scope.label(), group, scope.definition(), -1));
    } else {
      firstRun.first = first;
    }
    stretch(runs, last);
    for (Run run : runs) {
      pieces.addAll(member(run, scope, group, depth));
    }
    List<Piece> merged = merger.merge(header ? withHeader(pieces, group) : pieces, group);
    if (scope.header() && merged.size() == 1) {
      // All members merged back: the class is one chunk and is named as such.
      Piece whole = merged.getFirst();
      return List.of(
          new Piece(
              first, last, whole.chars(), scope.label(), group, scope.definition(), whole.chars()));
    }
    return merged;
  }

  /**
   * Joins the class header (at index 0) and the fields and other leftovers right below it. A header
   * too small to say much on its own (a bare declaration line) becomes a leftover that joins the
   * next member under that member's label; a larger one (doc comment, fields) keeps the class's
   * label.
   */
  private List<Piece> withHeader(List<Piece> pieces, int group) {
    Piece header = pieces.getFirst();
    int chars = header.chars();
    int i = 1;
    for (; i < pieces.size(); i++) {
      Piece next = pieces.get(i);
      if (!next.glue() || next.group() != group || chars + next.chars() > maxChars) {
        break;
      }
      chars += next.chars();
    }
    int last = pieces.get(i - 1).last();
    int definition = chars < maxChars / TINY_HEADER_PART ? Piece.GLUE : header.definition();
    List<Piece> joined = new ArrayList<>(pieces.size() - i + 1);
    joined.add(new Piece(header.first(), last, chars, header.label(), group, definition, chars));
    joined.addAll(pieces.subList(i, pieces.size()));
    return joined;
  }

  private List<Piece> member(Run run, Scope scope, int group, int depth) {
    int chars = source.chars(run.first, run.last);
    for (Node node : run.nodes) {
      Optional<Syntax.Definition> found = syntax.definition(node, scope.member(), source);
      if (found.isEmpty()) {
        continue;
      }
      Syntax.Definition definition = found.get();
      Label label = new Label(definition.kind(), scope.label().qualify(definition.name()));
      int id = definitions++;
      if (definition.members().isPresent() && chars >= smallChars && depth < MAX_DEPTH) {
        // Classes are cut at their members unless tiny; small members merge back.
        Scope inner = new Scope(label, true, id, true);
        return members(definition.members().get(), run.first, run.last, inner, depth + 1);
      }
      if (chars <= maxChars) {
        return List.of(new Piece(run.first, run.last, chars, label, group, id, chars));
      }
      return generic(node, run.first, run.last, label, id, chars, depth + 1);
    }
    boolean broken = run.nodes.stream().anyMatch(n -> n.type().equals("ERROR"));
    Label label = broken ? Label.LINES : scope.label();
    if (chars <= maxChars) {
      return List.of(new Piece(run.first, run.last, chars, label, group, Piece.GLUE, 0));
    }
    return generic(biggest(run), run.first, run.last, label, Piece.GLUE, 0, depth + 1);
  }

  /** Splits {@code node} at its children, all parts keeping {@code label}. */
  private List<Piece> generic(
      Node node, int first, int last, Label label, int definition, int chars, int depth) {
    int group = groups++;
    List<Run> runs = depth > MAX_DEPTH ? List.of() : runs(node, first, last);
    if (runs.size() <= 1) {
      Optional<Node> inner =
          runs.isEmpty() ? Optional.empty() : Optional.of(biggest(runs.getFirst()));
      return inner
          .filter(n -> rows(n) > 1)
          .map(n -> generic(n, first, last, label, definition, chars, depth + 1))
          .orElseGet(() -> List.of(piece(first, last, label, group, definition, chars)));
    }
    runs.getFirst().first = first;
    stretch(runs, last);
    List<Piece> pieces = new ArrayList<>();
    for (Run run : runs) {
      int runChars = source.chars(run.first, run.last);
      if (runChars <= maxChars) {
        pieces.add(new Piece(run.first, run.last, runChars, label, group, definition, chars));
      } else {
        pieces.addAll(
            generic(biggest(run), run.first, run.last, label, definition, chars, depth + 1));
      }
    }
    return merger.merge(pieces, group);
  }

  private Piece piece(int first, int last, Label label, int group, int definition, int size) {
    int chars = source.chars(first, last);
    return new Piece(first, last, chars, label, group, definition, size < 0 ? chars : size);
  }

  /** Gives the rows between runs to the run below, the rows after the last run to that run. */
  private static void stretch(List<Run> runs, int last) {
    for (int i = 1; i < runs.size(); i++) {
      runs.get(i).first = runs.get(i - 1).last + 1;
    }
    runs.getLast().last = last;
  }

  private List<Run> runs(Node node, int first, int last) {
    List<Run> runs = new ArrayList<>();
    for (Node child : children(node)) {
      int from = Math.max(first, source.rowOfByte(child.startByte()));
      int to = Math.min(last, source.rowOfByte(Math.max(child.startByte(), child.endByte() - 1)));
      if (from > to) {
        continue;
      }
      boolean attachable = syntax.attachable(child.type());
      Run previous = runs.isEmpty() ? null : runs.getLast();
      if (previous != null && from <= previous.last) {
        previous.last = Math.max(previous.last, to);
        previous.nodes.add(child);
        previous.attachable &= attachable;
      } else {
        runs.add(new Run(from, to, child, attachable));
      }
    }
    // Comments and decorators belong to what follows them without a blank line.
    for (int i = runs.size() - 2; i >= 0; i--) {
      Run run = runs.get(i);
      Run next = runs.get(i + 1);
      if (run.attachable && next.first <= run.last + 1) {
        next.first = run.first;
        next.nodes.addAll(0, run.nodes);
        runs.remove(i);
      }
    }
    return runs;
  }

  /** The named children of {@code node}, with those of transparent wrappers in their place. */
  private List<Node> children(Node node) {
    List<Node> children = new ArrayList<>();
    if (cursor == null) {
      cursor = new TSTreeCursor(node.ts());
    } else {
      cursor.reset(node.ts());
    }
    boolean wrapped = false;
    if (cursor.gotoFirstChild()) {
      do {
        Node named = types.namedOrNull(cursor.currentNode());
        if (named != null) {
          wrapped |= syntax.transparent(named.type());
          children.add(named);
        }
      } while (cursor.gotoNextSibling());
    }
    if (!wrapped) {
      return children;
    }
    List<Node> flat = new ArrayList<>();
    for (Node child : children) {
      if (syntax.transparent(child.type())) {
        flat.addAll(children(child));
      } else {
        flat.add(child);
      }
    }
    return flat;
  }

  private Node biggest(Run run) {
    Node biggest = run.nodes.getFirst();
    for (Node node : run.nodes) {
      if (node.endByte() - node.startByte() > biggest.endByte() - biggest.startByte()) {
        biggest = node;
      }
    }
    return biggest;
  }

  private int rows(Node node) {
    return source.rowOfByte(Math.max(node.startByte(), node.endByte() - 1))
        - source.rowOfByte(node.startByte())
        + 1;
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
    }
  }
}
