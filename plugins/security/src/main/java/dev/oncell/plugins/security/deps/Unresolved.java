package dev.oncell.plugins.security.deps;

/**
 * A dependency a file names without an exact version the engine can match: a range in a
 * requirements file, a Maven version from a parent or a property defined elsewhere. Reported, so
 * that a clean report does not claim more than was checked.
 */
public record Unresolved(String file, int line, String name, String reason) {}
