package dev.oncell.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Splits an OSV archive (osv.dev's {@code all.zip}, hundreds of megabytes for npm) into parts of
 * whole records, each small enough for one upload, reading the archive from disk entry by entry:
 * only the part being filled is in memory, never the archive. Every entry's CRC is checked, so a
 * damaged archive fails here, before anything is imported.
 */
final class OsvArchiveParts {

  /** Receives each finished part: {@code part-00001.zip} and so on, in order. */
  interface Sink {
    void accept(String name, byte[] part) throws IOException;
  }

  private OsvArchiveParts() {}

  /**
   * Splits {@code archive} into parts of about {@code partBytes} (compressed; a part holds at least
   * one record) and hands them to {@code sink}; returns how many.
   *
   * @throws CliException {@code osv_bad_zip} if the archive cannot be read or is damaged
   */
  static int split(Path archive, long partBytes, Sink sink) throws IOException {
    int parts = 0;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      ZipOutputStream part = new ZipOutputStream(buffer);
      int inPart = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime()); // the same archive gives the same parts
        part.putNextEntry(copy);
        copyChecked(zip, entry, part, archive);
        part.closeEntry();
        inPart++;
        if (buffer.size() >= partBytes) {
          part.close();
          sink.accept(name(++parts), buffer.toByteArray());
          buffer = new ByteArrayOutputStream();
          part = new ZipOutputStream(buffer);
          inPart = 0;
        }
      }
      part.close();
      if (inPart > 0 || parts == 0) {
        sink.accept(name(++parts), buffer.toByteArray());
      }
    } catch (ZipException | IllegalArgumentException e) { // IAE: an entry name that is not UTF-8
      throw badZip(archive, e.getMessage());
    }
    return parts;
  }

  private static void copyChecked(ZipFile zip, ZipEntry entry, ZipOutputStream out, Path archive)
      throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
      in.transferTo(out);
    } catch (ZipException | java.io.EOFException e) {
      throw badZip(archive, "entry '" + entry.getName() + "': " + e.getMessage());
    }
    if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
      throw badZip(archive, "entry '" + entry.getName() + "' is damaged (CRC mismatch)");
    }
  }

  private static String name(int index) {
    return String.format("part-%05d.zip", index);
  }

  private static CliException badZip(Path archive, String why) {
    return new CliException(
        archive + " is not a readable zip archive (" + why + "); nothing imported",
        "osv_bad_zip",
        ErrorHandler.API_ERROR);
  }
}
