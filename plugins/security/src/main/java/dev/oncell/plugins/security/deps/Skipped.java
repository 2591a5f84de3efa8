package dev.oncell.plugins.security.deps;

/** A file the engine could not read, and why ({@code skipped: too large}, a parse error). */
public record Skipped(String file, String reason) {}
