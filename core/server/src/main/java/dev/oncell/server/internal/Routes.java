package dev.oncell.server.internal;

import dev.oncell.agent.ErrorKind;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.HttpRouting;

/** The v1 route table: one place that shows every endpoint. */
final class Routes {

  private Routes() {}

  static void register(
      HttpRouting.Builder routing, Host host, RequestBodies bodies, AuthFilter auth) {
    CustomerHandlers customers = new CustomerHandlers(host, bodies);
    ShellHandler shell = new ShellHandler(host, bodies);
    FileHandlers files = new FileHandlers(host, bodies);
    MemoryHandlers memory = new MemoryHandlers(host, bodies);
    SearchHandlers search = new SearchHandlers(host, bodies);
    DeploymentHandlers deployments = new DeploymentHandlers(host, bodies);
    AgentHandlers agents = new AgentHandlers(host, bodies);
    RunHandlers runs = new RunHandlers(host);
    SecretHandlers secrets = new SecretHandlers(host, bodies);
    UsageHandlers usage = new UsageHandlers(host);
    KeyHandlers keys = new KeyHandlers(host, bodies);
    GitHandlers git = new GitHandlers(host);
    GitCredentialHandlers gitCredentials = new GitCredentialHandlers(host, bodies);
    WebhookSettingsHandlers webhooks = new WebhookSettingsHandlers(host, bodies);
    WebhookDeliveryHandler deliveries = new WebhookDeliveryHandler(host, bodies);

    routing
        .addFilter(auth)
        .get("/health", (req, res) -> Responses.json(res, 200, Wire.health(host)))
        .post("/v1/customers", customers::create)
        .get("/v1/customers", customers::list)
        .get("/v1/customers/{id}", customers::get)
        .delete("/v1/customers/{id}", customers::delete)
        .post("/v1/customers/{id}/pause", customers::pause)
        .post("/v1/customers/{id}/resume", customers::resume)
        .post("/v1/customers/{id}/shell", shell::run)
        .get("/v1/customers/{id}/files", files::get)
        .get("/v1/customers/{id}/files/", files::get)
        .get("/v1/customers/{id}/files/{+path}", files::get)
        .put("/v1/customers/{id}/files/{+path}", files::put)
        .delete("/v1/customers/{id}/files/{+path}", files::delete)
        .get("/v1/customers/{id}/memory", memory::keys)
        .get("/v1/customers/{id}/memory/", memory::keys)
        .get("/v1/customers/{id}/memory/{+key}", memory::get)
        .put("/v1/customers/{id}/memory/{+key}", memory::put)
        .delete("/v1/customers/{id}/memory/{+key}", memory::delete)
        .post("/v1/customers/{id}/index", search::index)
        .get("/v1/customers/{id}/index", search::status)
        .post("/v1/customers/{id}/search", search::search)
        .post("/v1/customers/{id}/grep", search::grep)
        .get("/v1/customers/{id}/symbols", search::symbols)
        .get("/v1/customers/{id}/usage", usage::customer)
        .get("/v1/customers/{id}/git/info/refs", git::serve)
        .post("/v1/customers/{id}/git/git-upload-pack", git::serve)
        .post("/v1/customers/{id}/git/git-receive-pack", git::serve)
        .put("/v1/customers/{id}/git/credentials", gitCredentials::put)
        .get("/v1/customers/{id}/git/credentials", gitCredentials::list)
        .delete("/v1/customers/{id}/git/credentials/{host}", gitCredentials::delete)
        .get("/v1/customers/{id}/webhooks", webhooks::list)
        .get("/v1/customers/{id}/webhooks/{forge}", webhooks::get)
        .put("/v1/customers/{id}/webhooks/{forge}", webhooks::put)
        .delete("/v1/customers/{id}/webhooks/{forge}", webhooks::delete)
        .post("/v1/webhooks/{forge}", deliveries::receive)
        .post("/v1/deployments", deployments::deploy)
        .get("/v1/deployments", deployments::list)
        .post("/v1/deployments/promote", deployments::promote)
        .get("/v1/deployments/{id}/usage", usage::deployment)
        .post("/v1/agents/{method}", agents::call)
        .post("/v1/agents/{method}/stream", agents::stream)
        .get("/v1/runs", runs::list)
        .get("/v1/runs/{id}", runs::get)
        .get("/v1/runs/{id}/events", runs::events)
        .post("/v1/runs/{id}/cancel", runs::cancel)
        .get("/v1/runs/{id}/journal", runs::journal)
        .get("/v1/secrets", secrets::list)
        .get("/v1/secrets/", secrets::list)
        .put("/v1/secrets/{name}", secrets::put)
        .delete("/v1/secrets/{name}", secrets::delete)
        .get("/v1/keys", keys::list)
        .get("/v1/keys/", keys::list)
        .post("/v1/keys", keys::create)
        .post("/v1/keys/bootstrap/rotate", keys::rotateBootstrap)
        .delete("/v1/keys/{id}", keys::revoke)
        .any(
            (req, res) ->
                Responses.error(
                    res,
                    ErrorKind.NOT_FOUND,
                    "no_route",
                    "no route for " + req.prologue().method().text() + " " + req.path().path()))
        .error(ApiException.class, (req, res, e) -> Responses.apiError(req, res, e))
        .error(CellException.class, (req, res, e) -> Responses.failure(res, e))
        .error(Exception.class, (req, res, e) -> Responses.unexpected(req, res, e));
  }
}
