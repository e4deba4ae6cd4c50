package dev.latchkey.adapters.web.console;

import dev.latchkey.application.port.in.CreateApiKeyUseCase;
import dev.latchkey.application.port.in.ListApiKeysUseCase;
import dev.latchkey.application.port.in.RevokeApiKeyUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.workspace.ApiKeyId;
import dev.latchkey.domain.workspace.Workspace;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** A workspace's API keys: the live ones by hint; create (owner: the secret shown once), revoke. */
@Controller(ConsolePaths.ROOT + "/workspaces/{workspaceId}/api-keys")
@Requires(beans = ConsoleSettings.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ConsoleApiKeysController {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApiKeysController.class);

    private final ConsoleWorkspaces workspaces;
    private final ListApiKeysUseCase list;
    private final CreateApiKeyUseCase create;
    private final RevokeApiKeyUseCase revoke;
    private final ConsolePages pages;

    public ConsoleApiKeysController(ConsoleWorkspaces workspaces, ListApiKeysUseCase list, CreateApiKeyUseCase create,
                                    RevokeApiKeyUseCase revoke, ConsolePages pages) {
        this.workspaces = workspaces;
        this.list = list;
        this.create = create;
        this.revoke = revoke;
        this.pages = pages;
    }

    @Get("{?revoked}")
    public MutableHttpResponse<?> keys(String workspaceId, @QueryValue @Nullable String revoked, ConsoleSession session, HttpRequest<?> request) {
        Workspace workspace = workspaces.require(workspaceId, session);
        return pages.render(HttpStatus.OK, ApiKeysView.of(workspace, list.list(workspace.id()), null, revoked != null), session, workspace, request);
    }

    @ConsoleAction("console.createApiKey")
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> create(String workspaceId, @Body Map<String, String> form, ConsoleSession session, HttpRequest<?> request) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayManageCredentials(session, workspace);
        WorkspaceWithKey made = create.create(workspace.id());
        ConsoleAuditFilter.created(request, made.key().id().toString());
        LOG.info("Console user {} created the API key {} of workspace {}", session.subject(), made.key().id(), workspace.id());
        return pages.render(HttpStatus.CREATED, ApiKeysView.of(workspace, list.list(workspace.id()), made.secret().reveal(), false),
                session, workspace, request);
    }

    @ConsoleAction("console.revokeApiKey")
    @Post(value = "/{keyId}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> revoke(String workspaceId, String keyId, @Body Map<String, String> form, ConsoleSession session) {
        ConsoleChecks.csrf(session, form);
        Workspace workspace = workspaces.require(workspaceId, session);
        ConsoleChecks.mayManageCredentials(session, workspace);
        try {
            revoke.revoke(workspace.id(), new ApiKeyId(UUID.fromString(keyId)));
        } catch (IllegalArgumentException | NotFoundException e) {
            throw new ConsoleRefusedException(ConsoleRefusedException.Reason.NOT_FOUND);
        }
        LOG.info("Console user {} revoked the API key {} of workspace {}", session.subject(), keyId, workspace.id());
        return HttpResponse.seeOther(URI.create(ConsolePaths.workspace(workspaceId) + "/api-keys?revoked=1"));
    }
}
