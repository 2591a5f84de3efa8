package dev.oncell.search;

/** One line matching a grep: as {@code grep -rnE} prints it. */
public record GrepMatch(String path, int line, String text) {}
