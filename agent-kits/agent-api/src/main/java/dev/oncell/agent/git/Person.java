package dev.oncell.agent.git;

import java.util.Objects;

/**
 * An author or committer of a commit, as git writes it: {@code Name <email>}. {@link Git#log}
 * returns what the repository holds; {@link Git#commit} accepts a non-blank name and email without
 * {@code <}, {@code >} or line breaks (and an email without spaces), else {@code invalid_identity}.
 */
public record Person(String name, String email) {

  public Person {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }

  /** {@code Name <email>}, as in a {@code Co-authored-by} trailer. */
  public String ident() {
    return name + " <" + email + ">";
  }
}
