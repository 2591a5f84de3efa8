package dev.oncell.search;

import java.util.Optional;

/**
 * The state of an index, as reported while it builds and afterwards.
 *
 * @param files files in the index
 * @param chunks chunks in the index, all of them searchable by keyword
 * @param embedded chunks that also have a vector; catches up with {@code chunks} in the background
 * @param indexing true while an {@link CodeIndex#index} call or a resumed one is running
 * @param model the embedding model's name, empty when the index is keyword-only
 */
public record IndexStatus(
    int files, int chunks, int embedded, boolean indexing, Optional<String> model) {}
