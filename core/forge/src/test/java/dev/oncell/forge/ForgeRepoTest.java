package dev.oncell.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oncell.agent.forge.ForgeException;
import dev.oncell.agent.forge.ForgeRepo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForgeRepoTest {

  @Test
  void readsTheUrlsPeopleCopy() {
    assertThat(ForgeRepo.parse("https://github.com/acme/widgets"))
        .isEqualTo(new ForgeRepo("github.com", "acme/widgets"));
    assertThat(ForgeRepo.parse("https://github.com/acme/widgets.git/"))
        .isEqualTo(new ForgeRepo("github.com", "acme/widgets"));
    assertThat(ForgeRepo.parse("https://GitLab.Example/acme/platform/widgets/-/merge_requests/4"))
        .isEqualTo(new ForgeRepo("gitlab.example", "acme/platform/widgets"));
    assertThat(ForgeRepo.parse("http://127.0.0.1:3000/acme/widgets.git"))
        .isEqualTo(new ForgeRepo("127.0.0.1:3000", "acme/widgets"));
    ForgeRepo nested = ForgeRepo.parse("https://gitlab.com/a/b/c/d");
    assertThat(nested.owner()).isEqualTo("a/b/c");
    assertThat(nested.name()).isEqualTo("d");
  }

  @Test
  void refusesWhatNamesNoRepositoryWithoutRepeatingIt() {
    for (String url :
        List.of(
            "file:///srv/repos/acme.git",
            "/srv/repos/acme",
            "git@github.com:acme/widgets.git",
            "ssh://git@github.com/acme/widgets.git",
            "https://github.com/acme",
            "https://github.com/",
            "https://x-access-token:s3cr3t@github.com/acme/widgets.git",
            "https://github.com/acme/../etc",
            "https://github.com/acme//widgets",
            "https://github.com/acme/widgets?ref=x",
            "https://github.com/acme/wid gets",
            "not a url at all")) {
      ForgeException e = catchThrowableOfType(ForgeException.class, () -> ForgeRepo.parse(url));
      assertThat(e).as("%s is refused", url).isNotNull();
      assertThat(e.code()).isEqualTo(ForgeException.INVALID_REPO_URL);
      assertThat(e.getMessage()).doesNotContain("s3cr3t");
    }
  }

  @Test
  void defaultApiBases() {
    assertThat(Forges.defaultApiBase("github", "https://github.com/a/b").toString())
        .isEqualTo("https://api.github.com");
    assertThat(Forges.defaultApiBase("github", "https://ghe.corp/a/b").toString())
        .isEqualTo("https://ghe.corp/api/v3");
    assertThat(Forges.defaultApiBase("gitlab", "https://gitlab.com/g/s/p").toString())
        .isEqualTo("https://gitlab.com/api/v4");
    assertThat(Forges.defaultApiBase("forgejo", "http://127.0.0.1:3000/a/b.git").toString())
        .isEqualTo("http://127.0.0.1:3000/api/v1");
    assertThat(
            Forges.byKind(Forges.builtIn(RetryPolicy.defaults()), "Forgejo").orElseThrow().kind())
        .isEqualTo("gitea");
    assertThat(
            catchThrowableOfType(
                    ForgeException.class,
                    () -> Forges.defaultApiBase("bitbucket", "https://b.org/a/b"))
                .code())
        .isEqualTo(ForgeException.INVALID);
  }
}
