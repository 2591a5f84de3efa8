package dev.oncell.plugins.security.deps;

import java.util.List;

/**
 * What an OSV import did.
 *
 * @param unchanged the archive was the one already in force for the same scope: nothing changed
 * @param snapshots the snapshots in force afterwards for the ecosystems the archive held
 * @param records OSV records read
 * @param withdrawn records marked withdrawn, left out
 * @param ignored records with no package of a supported (or the asked) ecosystem
 */
public record ImportResult(
    boolean unchanged, List<Snapshot> snapshots, int records, int withdrawn, int ignored) {}
