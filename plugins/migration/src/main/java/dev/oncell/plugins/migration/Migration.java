package dev.oncell.plugins.migration;

/**
 * What {@code migrate} is asked to do.
 *
 * @param from what the repository uses now ({@code junit4}, {@code javax}, {@code python3.11});
 *     case, spaces and punctuation do not matter
 * @param to what it should use instead ({@code junit5}, {@code jakarta}, {@code python3.12})
 * @param scope a folder or file of the repository to limit the migration to; null for all of it
 * @param recipe the id of a recipe of the catalogue to use; null to find one by {@code from} and
 *     {@code to}, and to ask the model for a plan when there is none
 * @param useModel whether the model may plan, carry out a recipe's model steps and fix failing
 *     steps; null for yes. With {@code false} only deterministic rules run (no token is spent)
 * @param base the branch to start from and to open the pull request into; null for the cloned one
 */
public record Migration(
    String from, String to, String scope, String recipe, Boolean useModel, String base) {

  /** Refuses an input that cannot be worked on, before anything is changed. */
  void check() {
    if (from == null || from.isBlank() || to == null || to.isBlank()) {
      throw MigrationException.invalid(
          MigrationException.INVALID_MIGRATION,
          "migrate needs from and to: what the repository uses now and what it should use"
              + " ({\"from\": \"junit4\", \"to\": \"junit5\"})");
    }
    if (Recipes.normalize(from).equals(Recipes.normalize(to))) {
      throw MigrationException.invalid(
          MigrationException.INVALID_MIGRATION,
          "from and to are the same (" + from.strip() + "): there is nothing to migrate");
    }
    if (scope != null) {
      Scope.of(scope); // throws invalid_scope
    }
    if (recipe != null && recipe.isBlank()) {
      throw MigrationException.invalid(
          MigrationException.UNKNOWN_RECIPE,
          "recipe must not be blank: leave it out to find one by from and to");
    }
    if (base != null && base.isBlank()) {
      throw MigrationException.invalid(
          MigrationException.INVALID_MIGRATION,
          "base must not be blank: leave it out for the cloned branch");
    }
  }

  boolean modelAllowed() {
    return useModel == null || useModel;
  }
}
