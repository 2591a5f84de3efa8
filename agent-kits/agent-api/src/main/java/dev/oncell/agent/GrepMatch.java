package dev.oncell.agent;

/**
 * One line matching {@link Context#grep}: as {@code grep -rnE} prints it, path relative to /work.
 */
public record GrepMatch(String path, int line, String text) {}
