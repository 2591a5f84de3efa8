package dev.oncell.server.internal;

import dev.oncell.agent.FileEntry;
import dev.oncell.client.wire.ListingJson;
import dev.oncell.client.wire.WrittenFileJson;
import dev.oncell.runtime.Cell;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /v1/customers/:id/files/<path>}: raw bytes in and out; a folder answers with a JSON
 * listing. The header {@code X-Oncell-Entry} says which one a GET returned.
 */
final class FileHandlers {

  static final String ENTRY_HEADER = "X-Oncell-Entry";

  private final Host host;
  private final RequestBodies bodies;

  FileHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void get(ServerRequest req, ServerResponse res) {
    Cell cell = host.cells().cell(CustomerHandlers.id(req));
    String path = path(req);
    if (path.isEmpty() || cell.files().isDirectory(path)) {
      int limit = limit(req);
      Cell.FilePage page = cell.list(path, req.query().first("after").asOptional(), limit);
      List<ListingJson.Entry> entries = new ArrayList<>();
      for (FileEntry entry : page.entries()) {
        entries.add(
            new ListingJson.Entry(
                entry.name(),
                entry.type() == FileEntry.Type.DIRECTORY
                    ? "dir"
                    : entry.type().name().toLowerCase(Locale.ROOT),
                entry.size()));
      }
      res.header(ENTRY_HEADER, "directory");
      Responses.json(
          res,
          200,
          new ListingJson(
              path,
              entries,
              page.next().orElse(null),
              page.unreadable() > 0 ? page.unreadable() : null));
      return;
    }
    Cell.FileContent content = cell.open(path);
    res.header(ENTRY_HEADER, "file");
    if (content.size() <= FileVersions.MAX_VERSIONED_BYTES) {
      // Hashed and sent from one read, so the version always belongs to the bytes sent.
      byte[] bytes = readAll(content, path);
      res.header(HeaderNames.ETAG, FileVersions.etag(FileVersions.of(bytes)));
      res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
      res.contentLength(bytes.length);
      res.send(bytes);
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
    res.contentLength(content.size());
    try (InputStream in = content.stream();
        OutputStream out = res.outputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send '" + path + "'", e);
    }
  }

  void put(ServerRequest req, ServerResponse res) {
    Cell cell = host.cells().cell(CustomerHandlers.id(req));
    String path = path(req);
    FileVersions.Precondition precondition =
        FileVersions.Precondition.parse(
            req.headers().first(HeaderNames.IF_MATCH),
            req.headers().first(HeaderNames.IF_NONE_MATCH));
    byte[] content = bodies.read(req);
    String version = FileVersions.of(content);
    if (precondition.isNone()) {
      cell.files().write(path, content);
    } else {
      // Check and write under one lock, so two API writers with the same version cannot both win.
      synchronized (writeLock(CustomerHandlers.id(req), path)) {
        precondition.check(path, currentVersion(cell, path));
        cell.files().write(path, content);
      }
    }
    res.header(HeaderNames.ETAG, FileVersions.etag(version));
    Responses.json(res, 200, new WrittenFileJson(path, content.length, version));
  }

  private final Object[] writeLocks = newLocks(64);

  private static Object[] newLocks(int count) {
    Object[] locks = new Object[count];
    for (int i = 0; i < count; i++) {
      locks[i] = new Object();
    }
    return locks;
  }

  private Object writeLock(String customer, String path) {
    return writeLocks[Math.floorMod((customer + '/' + path).hashCode(), writeLocks.length)];
  }

  /** The version of the file at {@code path}, empty if there is none (or a folder is there). */
  private static java.util.Optional<String> currentVersion(Cell cell, String path) {
    if (!cell.files().exists(path) || cell.files().isDirectory(path)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(FileVersions.of(readAll(cell.open(path), path)));
  }

  private static byte[] readAll(Cell.FileContent content, String path) {
    try (InputStream in = content.stream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read '" + path + "'", e);
    }
  }

  void delete(ServerRequest req, ServerResponse res) {
    Cell cell = host.cells().cell(CustomerHandlers.id(req));
    String path = path(req);
    boolean recursive = req.query().first("recursive").map("true"::equals).orElse(false);
    if (!cell.files().delete(path, recursive)) {
      throw CellException.notFound("not_found", "no file '" + path + "' in the cell");
    }
    Responses.noContent(res);
  }

  /**
   * Entries per page of a listing: 1000 unless the client asks (at most {@link
   * Cell#MAX_LIST_PAGE}).
   */
  static final int DEFAULT_PAGE = 1000;

  private static int limit(ServerRequest req) {
    var given = req.query().first("limit").asOptional();
    if (given.isEmpty()) {
      return DEFAULT_PAGE;
    }
    try {
      return Integer.parseInt(given.get());
    } catch (NumberFormatException e) {
      throw CellException.invalid(
          "invalid_limit", "limit must be a number between 1 and " + Cell.MAX_LIST_PAGE);
    }
  }

  private static String path(ServerRequest req) {
    return PathParams.exact(req, "path", "invalid_path");
  }
}
