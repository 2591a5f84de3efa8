package dev.oncell.client;

import java.util.Optional;

/**
 * One search hit: a chunk of a file.
 *
 * @param score 0 to 1, 1 for the query's best hit
 * @param symbol the function, method or class, qualified where possible
 */
public record CodeHit(
    String path,
    String content,
    double score,
    int startLine,
    int endLine,
    Optional<String> symbol,
    String language) {}
