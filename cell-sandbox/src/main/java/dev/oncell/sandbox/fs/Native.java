package dev.oncell.sandbox.fs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The three system calls that Java's file API does not offer: {@code openat} relative to a
 * directory descriptor (with {@code O_NOFOLLOW} and {@code O_NONBLOCK}), {@code statx} (for the
 * allocated size of sparse files and for a descriptor's own type) and {@code close}. Bound once
 * through the FFM API; {@code errno} is captured with each call.
 *
 * <p>Flag values are those of Linux on x86-64 and AArch64 (the two differ in {@code O_DIRECTORY}
 * and {@code O_NOFOLLOW}).
 */
final class Native {

  static final int O_RDONLY = 0;
  static final int O_NOCTTY = 0400;
  static final int O_NONBLOCK = 04000;
  static final int O_CLOEXEC = 02000000;
  static final int O_DIRECTORY;
  static final int O_NOFOLLOW;

  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_EMPTY_PATH = 0x1000;
  static final int STATX_BASIC_STATS = 0x7ff;

  static final int ENOENT = 2;
  static final int ENXIO = 6;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int EINTR = 4;
  static final int ENAMETOOLONG = 36;
  static final int ELOOP = 40;

  private static final MethodHandle OPENAT;
  private static final MethodHandle CLOSE;
  private static final MethodHandle STATX;
  private static final MethodHandle STRERROR;
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  /** {@code struct statx} is 256 bytes on every architecture. */
  static final long STATX_SIZE = 256;

  static {
    String arch = System.getProperty("os.arch");
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    O_DIRECTORY = arm ? 040000 : 0200000;
    O_NOFOLLOW = arm ? 0100000 : 0400000;
    Linker linker = Linker.nativeLinker();
    var libc = linker.defaultLookup();
    Linker.Option errno = Linker.Option.captureCallState("errno");
    OPENAT =
        linker.downcallHandle(
            libc.find("openat").orElseThrow(),
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT),
            errno,
            Linker.Option.firstVariadicArg(3));
    CLOSE =
        linker.downcallHandle(
            libc.find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            errno);
    STATX =
        linker.downcallHandle(
            libc.find("statx").orElseThrow(),
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS),
            errno);
    STRERROR =
        linker.downcallHandle(
            libc.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  }

  private Native() {}

  /** A failed call: its errno. */
  static final class Errno extends Exception {
    final int errno;

    Errno(int errno) {
      super(message(errno), null, false, false);
      this.errno = errno;
    }
  }

  static int openat(int dirFd, String name, int flags) throws Errno {
    return openat(dirFd, name.getBytes(StandardCharsets.UTF_8), flags);
  }

  private static int openat(int dirFd, byte[] name, int flags) throws Errno {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = cString(arena, name);
      MemorySegment state = arena.allocate(CAPTURE);
      while (true) {
        int fd = (int) OPENAT.invokeExact(state, dirFd, path, flags, 0);
        if (fd >= 0) {
          return fd;
        }
        int e = (int) ERRNO.get(state, 0L);
        if (e != EINTR) {
          throw new Errno(e);
        }
      }
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("openat failed to run", t);
    }
  }

  /**
   * {@code openat} of a path Java produced (a {@link java.nio.file.Path} keeps the raw bytes of a
   * name read from a directory, even when they are not UTF-8).
   */
  static int openatRaw(int dirFd, java.nio.file.Path path, int flags) throws Errno {
    return openat(dirFd, rawBytes(path), flags);
  }

  /** The bytes of a path as the kernel sees them: a file URI percent-encodes them losslessly. */
  private static byte[] rawBytes(java.nio.file.Path path) {
    String uri = path.toUri().getRawPath();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(uri.length());
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(uri.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    byte[] b = out.toByteArray();
    // toUri() adds a slash to a directory (checked following links); a trailing slash would make
    // the kernel follow a link put there since, so it goes.
    int end = b.length;
    while (end > 1 && b[end - 1] == '/') {
      end--;
    }
    return java.util.Arrays.copyOf(b, end);
  }

  static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      int ignored = (int) CLOSE.invokeExact(state, fd);
    } catch (Throwable t) {
      throw new IllegalStateException("close failed to run", t);
    }
  }

  /** {@code statx(dirFd, name, flags)}: name "" with {@link #AT_EMPTY_PATH} states dirFd itself. */
  static FileStat statx(int dirFd, String name, int flags) throws Errno {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = cString(arena, name);
      MemorySegment buf = arena.allocate(STATX_SIZE, 8);
      MemorySegment state = arena.allocate(CAPTURE);
      int rc = (int) STATX.invokeExact(state, dirFd, path, flags, STATX_BASIC_STATS, buf);
      if (rc != 0) {
        throw new Errno((int) ERRNO.get(state, 0L));
      }
      int mode = Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT, 28));
      long size = buf.get(ValueLayout.JAVA_LONG, 40);
      long blocks = buf.get(ValueLayout.JAVA_LONG, 48);
      long mtimeSec = buf.get(ValueLayout.JAVA_LONG, 112);
      int mtimeNsec = buf.get(ValueLayout.JAVA_INT, 120);
      long device =
          (Integer.toUnsignedLong(buf.get(ValueLayout.JAVA_INT, 136)) << 32)
              | Integer.toUnsignedLong(buf.get(ValueLayout.JAVA_INT, 140));
      return new FileStat(
          FileStat.Kind.of(mode),
          mode & 07777,
          size,
          blocks * 512,
          mtimeSec * 1_000_000_000L + mtimeNsec,
          device);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("statx failed to run", t);
    }
  }

  private static MemorySegment cString(Arena arena, String s) {
    return cString(arena, s.getBytes(StandardCharsets.UTF_8));
  }

  private static MemorySegment cString(Arena arena, byte[] bytes) {
    MemorySegment seg = arena.allocate(bytes.length + 1L);
    MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
    seg.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
    return seg;
  }

  static String message(int errno) {
    try {
      MemorySegment p = (MemorySegment) STRERROR.invokeExact(errno);
      return p.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
