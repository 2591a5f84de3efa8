package dev.oncell.plugins.migration;

import java.util.List;
import java.util.Objects;

/**
 * A migration known in advance, as data ({@code recipes.json}): the ordered steps that take a
 * repository from {@code from} to {@code to}. Deterministic steps rewrite text by rules; a model
 * step names what rules cannot do, for the model to carry out (or to be skipped, and reported, when
 * the model is not allowed).
 *
 * @param id the recipe's name ({@code junit4-to-junit5})
 * @param from the names of what is migrated from, any of which selects the recipe
 * @param to the names of what is migrated to
 * @param description one sentence for the pull request
 * @param usages a regex ({@link java.util.regex.Pattern}, also understood by {@code ctx.grep})
 *     whose matches are the usages to migrate: none in scope means nothing to do
 * @param files the glob of the files the usages are looked for in ({@code **}{@code /*.java})
 * @param steps the steps, in order
 */
record Recipe(
    String id,
    List<String> from,
    List<String> to,
    String description,
    String usages,
    String files,
    List<RecipeStep> steps) {

  Recipe {
    Objects.requireNonNull(id, "id");
    from = List.copyOf(from);
    to = List.copyOf(to);
    description = description == null ? "" : description;
    Objects.requireNonNull(usages, "usages");
    files = files == null ? "**" : files;
    steps = List.copyOf(steps);
  }

  boolean migrates(String fromName, String toName) {
    String f = Recipes.normalize(fromName);
    String t = Recipes.normalize(toName);
    return from.stream().map(Recipes::normalize).anyMatch(f::equals)
        && to.stream().map(Recipes::normalize).anyMatch(t::equals);
  }
}
