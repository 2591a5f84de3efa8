package dev.oncell.agent.tools;

import java.util.Objects;

/**
 * What became of one {@link EditBlock}: applied (and how it matched), or rejected with a reason
 * meant for the model that wrote it, so that it can send a corrected block.
 */
public sealed interface EditOutcome {

  EditBlock block();

  /** How a block's SEARCH text was found. */
  enum Match {
    /** Character for character. */
    EXACT,
    /** Line by line, ignoring indentation and runs of spaces; the new text was re-indented. */
    WHITESPACE,
    /** A new file. */
    NEW_FILE
  }

  /** The block changed the file. */
  record Applied(EditBlock block, Match match) implements EditOutcome {
    public Applied {
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(match, "match");
    }
  }

  /** The block changed nothing, because of {@code reason}. */
  record Rejected(EditBlock block, String reason) implements EditOutcome {
    public Rejected {
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(reason, "reason");
    }

    /** {@code path: reason}, for the model. */
    public String describe() {
      return block.path() + ": " + reason;
    }
  }
}
