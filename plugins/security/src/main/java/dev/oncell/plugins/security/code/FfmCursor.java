package dev.oncell.plugins.security.code;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.Optional;
import org.treesitter.TSTree;
import org.treesitter.utils.NativeUtils;

/**
 * A cursor that calls tree-sitter's C API through the foreign function interface: a node is a
 * 32-byte struct in native memory, not a Java object built by JNI, so walking a tree costs about as
 * much as parsing it (through the bindings' JNI it cost three to ten times more). The tree itself
 * is still parsed by the bindings; this reads it through its native pointer.
 *
 * <p>The C library is opened from the bindings' own jar (another copy of the same build;
 * tree-sitter has no global state, and every cursor is made and freed by this copy).
 */
final class FfmCursor implements Cursor {

  /** {@code TSNode}: uint32_t context[4]; const void *id; const TSTree *tree. */
  private static final StructLayout NODE =
      MemoryLayout.structLayout(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);

  /** {@code TSTreeCursor}: const void *tree; const void *id; uint32_t context[3]. */
  private static final StructLayout CURSOR =
      MemoryLayout.structLayout(
          ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, MemoryLayout.paddingLayout(4));

  /** The C functions, or empty where they cannot be bound (then {@link JniCursor} is used). */
  private record Api(
      MethodHandle root,
      MethodHandle cursorNew,
      MethodHandle cursorDelete,
      MethodHandle current,
      MethodHandle fieldId,
      MethodHandle firstChild,
      MethodHandle nextSibling,
      MethodHandle parent,
      MethodHandle symbol,
      MethodHandle startByte,
      MethodHandle endByte,
      Method treePointer) {}

  private static final Optional<Api> API = bind();

  private final Api api;
  private final Arena arena;
  private final MemorySegment cursor;
  private final MemorySegment node;
  private final SegmentAllocator intoNode;

  private FfmCursor(Api api, MemorySegment tree) throws Throwable {
    this.api = api;
    this.arena = Arena.ofConfined();
    this.node = arena.allocate(NODE);
    this.intoNode = (size, alignment) -> node;
    MemorySegment rootNode = (MemorySegment) api.root.invokeExact((SegmentAllocator) arena, tree);
    this.cursor = (MemorySegment) api.cursorNew.invokeExact((SegmentAllocator) arena, rootNode);
    load();
  }

  /** Whether the C API could be bound here. */
  static boolean available() {
    return API.isPresent();
  }

  /** A cursor at the root of {@code tree}, or empty when the C API is not reachable. */
  static Optional<Cursor> at(TSTree tree) {
    if (API.isEmpty()) {
      return Optional.empty();
    }
    try {
      long pointer = (long) API.get().treePointer.invoke(tree);
      return Optional.of(new FfmCursor(API.get(), MemorySegment.ofAddress(pointer)));
    } catch (Throwable e) {
      return Optional.empty();
    }
  }

  private static Optional<Api> bind() {
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup lib =
          SymbolLookup.libraryLookup(NativeUtils.libFile("lib/tree-sitter"), Arena.global());
      Method pointer = TSTree.class.getDeclaredMethod("getPtr");
      pointer.setAccessible(true);
      return Optional.of(
          new Api(
              handle(linker, lib, "ts_tree_root_node", FunctionDescriptor.of(NODE, ADDRESS)),
              handle(linker, lib, "ts_tree_cursor_new", FunctionDescriptor.of(CURSOR, NODE)),
              handle(linker, lib, "ts_tree_cursor_delete", FunctionDescriptor.ofVoid(ADDRESS)),
              handle(
                  linker, lib, "ts_tree_cursor_current_node", FunctionDescriptor.of(NODE, ADDRESS)),
              handle(
                  linker,
                  lib,
                  "ts_tree_cursor_current_field_id",
                  FunctionDescriptor.of(JAVA_SHORT, ADDRESS)),
              handle(
                  linker,
                  lib,
                  "ts_tree_cursor_goto_first_child",
                  FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS)),
              handle(
                  linker,
                  lib,
                  "ts_tree_cursor_goto_next_sibling",
                  FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS)),
              handle(
                  linker,
                  lib,
                  "ts_tree_cursor_goto_parent",
                  FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS)),
              handle(linker, lib, "ts_node_symbol", FunctionDescriptor.of(JAVA_SHORT, NODE)),
              handle(linker, lib, "ts_node_start_byte", FunctionDescriptor.of(JAVA_INT, NODE)),
              handle(linker, lib, "ts_node_end_byte", FunctionDescriptor.of(JAVA_INT, NODE)),
              pointer));
    } catch (Throwable e) {
      System.getLogger(FfmCursor.class.getName())
          .log(System.Logger.Level.DEBUG, "tree-sitter through JNI only: " + e);
      return Optional.empty();
    }
  }

  private static MethodHandle handle(
      Linker linker, SymbolLookup lib, String name, FunctionDescriptor descriptor) {
    return linker.downcallHandle(lib.find(name).orElseThrow(), descriptor);
  }

  private void load() {
    try {
      MemorySegment unused = (MemorySegment) api.current.invokeExact(intoNode, cursor);
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter cursor", e);
    }
  }

  private boolean move(MethodHandle move) {
    try {
      boolean moved = (boolean) move.invokeExact(cursor);
      if (moved) {
        load();
      }
      return moved;
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter cursor", e);
    }
  }

  @Override
  public boolean gotoFirstChild() {
    return move(api.firstChild);
  }

  @Override
  public boolean gotoNextSibling() {
    return move(api.nextSibling);
  }

  @Override
  public boolean gotoParent() {
    return move(api.parent);
  }

  @Override
  public int symbol() {
    try {
      return Short.toUnsignedInt((short) api.symbol.invokeExact(node));
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter node", e);
    }
  }

  @Override
  public int fieldId() {
    try {
      return Short.toUnsignedInt((short) api.fieldId.invokeExact(cursor));
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter cursor", e);
    }
  }

  @Override
  public int startByte() {
    try {
      return (int) api.startByte.invokeExact(node);
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter node", e);
    }
  }

  @Override
  public int endByte() {
    try {
      return (int) api.endByte.invokeExact(node);
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter node", e);
    }
  }

  @Override
  public void close() {
    try {
      api.cursorDelete.invokeExact(cursor);
    } catch (Throwable e) {
      throw new IllegalStateException("tree-sitter cursor", e);
    } finally {
      arena.close();
    }
  }
}
