package dev.oncell.plugins.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * What to review. The webhook of a forge's pull request event sends the same shape with more fields
 * ({@code headBranch}, {@code repoUrl}, ...), which are ignored: the forge's own answer for the
 * pull request is what the review trusts.
 *
 * @param pullRequest the pull request's number
 * @param headSha the head the event was about, if any: the review covers the pull request's head as
 *     the forge reports it when the review runs, which may be newer
 * @param baseSha the base the event was about, if any (informational, as {@code headSha})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewRequest(long pullRequest, Optional<String> headSha, Optional<String> baseSha) {

  public ReviewRequest {
    headSha = headSha == null ? Optional.empty() : headSha;
    baseSha = baseSha == null ? Optional.empty() : baseSha;
  }
}
