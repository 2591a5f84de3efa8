package dev.oncell.agent;

import java.util.Optional;

/** One search result: a chunk of a file, with a score between 0 and 1. */
public record SearchHit(
    String path,
    String content,
    double score,
    int startLine,
    int endLine,
    Optional<String> symbol) {}
