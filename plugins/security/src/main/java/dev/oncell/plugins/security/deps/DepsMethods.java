package dev.oncell.plugins.security.deps;

import dev.oncell.agent.Context;
import dev.oncell.agent.FileEntry;
import dev.oncell.agent.FileStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bodies of the security agent's dependency methods, so that the agent wires each in one line:
 *
 * <pre>{@code
 * public ImportResult importOsv(Context ctx, ImportOsvRequest request) {
 *   return DepsMethods.importOsv(ctx, request);
 * }
 * }</pre>
 */
public final class DepsMethods {

  private DepsMethods() {}

  /**
   * Imports the OSV archive at {@code request.path()} (a zip, or a folder of zip parts) into the
   * cell's snapshot. Each part is read as one step and followed by an {@code osv-import} event
   * ({@code {part, parts, records}}); the import's time is a recorded step, so a replay records the
   * same time.
   *
   * @throws DepsException {@code unknown_ecosystem}, {@code invalid_path} or one of {@link
   *     OsvImport#run}'s; nothing is imported then
   */
  public static ImportResult importOsv(Context ctx, ImportOsvRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.path() == null || request.path().isBlank()) {
      throw DepsException.invalid(
          "invalid_path", "importOsv needs 'path': an OSV all.zip in the cell");
    }
    Optional<Ecosystem> only = Optional.empty();
    if (request.ecosystem().isPresent()) {
      String name = request.ecosystem().get();
      only = Ecosystem.fromOsv(name);
      if (only.isEmpty()) {
        throw DepsException.invalid(
            "unknown_ecosystem",
            "unknown ecosystem '"
                + RequirementsParser.abbreviate(name)
                + "'; supported: "
                + Ecosystem.names());
      }
    }
    FileStore store = ctx.store();
    List<String> parts = parts(store, request.path());
    String importedAt =
        ctx.step(
            "osv-import-time",
            String.class,
            () -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    OsvImport.Archives archives =
        new OsvImport.Archives() {
          @Override
          public int count() {
            return parts.size();
          }

          @Override
          public OsvImport.Archive read(int index) {
            return new OsvImport.Archive(parts.get(index), store.read(parts.get(index)));
          }

          @Override
          public void imported(int part, int records) {
            ctx.stream(
                "osv-import", Map.of("part", part, "parts", parts.size(), "records", records));
          }
        };
    ImportResult result = new OsvImport(OsvStore.over(ctx.db())).run(archives, only, importedAt);
    ctx.stream("osv-imported", result);
    return result;
  }

  /** The snapshots in force, one per ecosystem. */
  public static List<Snapshot> osvSnapshots(Context ctx) {
    return OsvStore.over(ctx.db()).snapshots();
  }

  private static List<String> parts(FileStore store, String path) {
    if (!store.isDirectory(path)) {
      return List.of(path); // a missing file fails when it is read, with the store's not_found
    }
    String folder = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    List<String> zips =
        store.list(folder).stream()
            .map(FileEntry::name)
            .filter(n -> n.endsWith(".zip"))
            .sorted()
            .map(n -> folder.isEmpty() ? n : folder + "/" + n)
            .toList();
    if (zips.isEmpty()) {
      throw DepsException.invalid(
          "osv_no_records", "the folder '" + folder + "' holds no .zip archive; nothing imported");
    }
    return zips;
  }
}
