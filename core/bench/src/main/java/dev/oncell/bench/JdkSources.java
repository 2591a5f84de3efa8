package dev.oncell.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Java sources of the JDK that runs the benchmark ({@code $JAVA_HOME/lib/src.zip}): a large,
 * real code base that every machine running oncell has, so that anyone gets comparable numbers.
 */
final class JdkSources implements BenchCorpus {

  private static final List<String> QUERIES =
      List.of(
          "resize the hash table when it gets too full",
          "ConcurrentHashMap",
          "parse an ISO date time string",
          "DateTimeFormatter ofPattern",
          "read all bytes from an input stream",
          "compare and set with a volatile field",
          "thread pool executor rejected task",
          "ThreadPoolExecutor",
          "sort an array of objects with a comparator",
          "Arrays.sort",
          "check that the index is within bounds",
          "Objects.checkIndex",
          "convert a string to upper case using the locale",
          "decode UTF-8 bytes into characters",
          "StandardCharsets UTF_8",
          "open a socket connection with a timeout",
          "SocketTimeoutException",
          "load a class by name with a class loader",
          "ClassLoader loadClass",
          "serialize an object to a stream",
          "ObjectOutputStream writeObject",
          "format a number with grouping separators",
          "DecimalFormat",
          "walk a directory tree recursively",
          "Files.walkFileTree",
          "compute the hash code of a list",
          "split a string around matches of a regular expression",
          "Pattern compile matcher",
          "the permission check of the security manager",
          "big integer multiplication of two large numbers",
          "BigInteger multiply",
          "schedule a task to run after a delay",
          "ScheduledExecutorService",
          "weak reference cleared by the garbage collector",
          "copy a range of an array",
          "System.arraycopy",
          "parse command line arguments of a tool",
          "zip entry compressed size and crc",
          "ZipInputStream getNextEntry",
          "unicode code point of a surrogate pair");

  private final Path zip;
  private final List<String> modules;
  private final List<String> written = new ArrayList<>();

  private JdkSources(Path zip, List<String> modules) {
    this.zip = zip;
    this.modules = List.copyOf(modules);
  }

  /** The running JDK's sources, if it ships them. */
  static Optional<JdkSources> find() {
    return find(List.of());
  }

  /**
   * The sources of the given modules of the running JDK (all of them when empty), if it ships them.
   */
  static Optional<JdkSources> find(List<String> modules) {
    Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
    return Files.isRegularFile(zip) ? Optional.of(new JdkSources(zip, modules)) : Optional.empty();
  }

  @Override
  public String name() {
    return "JDK " + Runtime.version().feature() + " sources (" + zip + ")";
  }

  /** The first {@code files} {@code .java} files (of the chosen modules) in path order. */
  @Override
  public long write(Path root, int files) throws IOException {
    written.clear();
    long bytes = 0;
    try (ZipFile sources = new ZipFile(zip.toFile())) {
      List<ZipEntry> entries = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = sources.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory() && entry.getName().endsWith(".java") && chosen(entry)) {
          entries.add(entry);
        }
      }
      entries.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (ZipEntry entry : entries.subList(0, Math.min(files, entries.size()))) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          continue; // a zip entry that would leave the folder
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = sources.getInputStream(entry)) {
          bytes += Files.copy(in, target);
        }
        written.add(entry.getName());
      }
    }
    return bytes;
  }

  private boolean chosen(ZipEntry entry) {
    String name = entry.getName();
    return modules.isEmpty() || modules.contains(name.substring(0, Math.max(0, name.indexOf('/'))));
  }

  @Override
  public List<String> queries(int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(QUERIES.get(i % QUERIES.size()));
    }
    return out;
  }

  @Override
  public String fileToEdit() {
    return written.get(written.size() / 2);
  }

  @Override
  public List<String> grepPatterns() {
    return Collections.unmodifiableList(
        List.of(
            "zqxnotfoundanywhere",
            "ConcurrentModificationException",
            "synchronized \\(this\\)",
            "TODO|FIXME",
            "[Hh]ash[Mm]ap<",
            "serialVersionUID = -?[0-9]{10,}L",
            "^\\s*// .*deprecated",
            "[a-z]{25,}"));
  }
}
