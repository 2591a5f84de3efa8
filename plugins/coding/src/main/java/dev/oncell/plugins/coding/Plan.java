package dev.oncell.plugins.coding;

import java.util.List;

/**
 * The model's plan for a task, asked for as a structured answer before any edit: it names the files
 * to read in full, which keeps the edit prompt small and focused.
 *
 * @param title the commit's and pull request's title, imperative, under 72 characters
 * @param summary what will change and why, for the pull request's body
 * @param steps the changes, in order
 * @param files the repository files to change or read, relative to its root
 */
public record Plan(String title, String summary, List<String> steps, List<String> files) {

  public Plan {
    title = title == null ? "" : title.strip();
    summary = summary == null ? "" : summary.strip();
    steps = steps == null ? List.of() : List.copyOf(steps);
    files = files == null ? List.of() : List.copyOf(files);
  }
}
