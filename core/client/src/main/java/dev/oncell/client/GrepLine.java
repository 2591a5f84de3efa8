package dev.oncell.client;

/** One matching line: path relative to the cell's work folder, 1-based line number, the line. */
public record GrepLine(String path, int line, String text) {}
