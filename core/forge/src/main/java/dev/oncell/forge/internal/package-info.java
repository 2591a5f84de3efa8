/**
 * The built-in forges' HTTP machinery. {@code ForgeHttp} sends one request with the forge's
 * authorization header, the connection's timeout and the policy's retries, follows next-page links
 * only inside the API base, and turns every failure into a {@code ForgeException} scrubbed of the
 * token. {@code BaseForge} holds the ensure-a-pull-request algorithm the three forges share; {@code
 * GitHubForge}, {@code GitLabForge} and {@code GiteaForge} hold only their wire formats.
 */
package dev.oncell.forge.internal;
