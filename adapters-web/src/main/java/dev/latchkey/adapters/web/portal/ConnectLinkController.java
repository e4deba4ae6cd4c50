package dev.latchkey.adapters.web.portal;

import dev.latchkey.adapters.web.branding.BrandingRequest;
import dev.latchkey.adapters.web.docs.CredentialProblems;
import dev.latchkey.adapters.web.docs.IdempotencyProblems;
import dev.latchkey.adapters.web.docs.JsonBodyProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.json.JsonBodyReader;
import dev.latchkey.adapters.web.json.Timestamps;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.CreateConnectLinkCommand;
import dev.latchkey.application.port.in.CreateConnectLinkUseCase;
import dev.latchkey.application.port.in.CreatedConnectLink;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.ConnectLink;
import dev.latchkey.domain.portal.PortalScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Single-use links to the hosted portal, from the company's backend (or its frontend with a session token). */
@Controller("/v1/connect-links")
@Secured({Roles.API_KEY, Roles.SESSION})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Portal", description = "The hosted connect portal.")
@CredentialProblems
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionToken")
public class ConnectLinkController {
    private static final Set<String> FIELDS = Set.of("linked_account_id", "connectors", "config_id", "return_url", "expires_in", "branding");

    private final CreateConnectLinkUseCase create;
    private final JsonBodyReader bodies;
    private final PublicUrl publicUrl;

    public ConnectLinkController(CreateConnectLinkUseCase create, JsonBodyReader bodies, PublicUrl publicUrl) {
        this.create = create;
        this.bodies = bodies;
        this.publicUrl = publicUrl;
    }

    /** @param linkedAccountId with an API key; a session token's own account otherwise */
    @Serdeable
    @Schema(name = "ConnectLinkRequest", example = "{\"linked_account_id\": \"cust-42\", \"connectors\": [\"slack\"], \"expires_in\": 3600}")
    public record ConnectLinkRequest(@Nullable String linkedAccountId, @Nullable List<String> connectors, @Nullable String configId,
                                     @Nullable String returnUrl, @Schema(description = "seconds, 60 to 604800; default 3600") @Nullable Long expiresIn,
                                     @Schema(description = "per-link overrides of the branding fields; API key only (403 branding_requires_api_key with a session token)")
                                     @Nullable BrandingRequest branding) {
    }

    @Serdeable
    @Schema(name = "ConnectLink")
    public record ConnectLinkResponse(String url, String expiresAt) {
    }

    @Post
    @Idempotent
    @Operation(operationId = "createConnectLink", summary = "A link to the hosted portal", description = "Single use: its first visit trades it for a portal session. "
            + "url is {LATCHKEY_PUBLIC_URL}/connect/{code}.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKey")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConnectLinkRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectLinkResponse.class)))
    @ApiResponse(responseCode = "403", description = "branding_requires_api_key: a session token sent branding",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "linked_account_not_found: linked_account_id names no linked account of the workspace",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @IdempotencyProblems
    @JsonBodyProblems
    @SuppressWarnings("unchecked")
    public HttpResponse<?> create(@Body @Nullable String body, Authentication caller) {
        Map<String, Object> input = bodies.readObject(body);
        if (caller.getRoles().contains(Roles.SESSION) && input.get("branding") != null) {
            // A session token lives in the customer's browser: with branding it could mint a
            // Latchkey-hosted page under any name, logo and links (phishing). Branding is the company's.
            return Problems.response(new Problem("about:blank", HttpStatus.FORBIDDEN.getReason(), HttpStatus.FORBIDDEN.getCode(),
                    "The field 'branding' takes the workspace's API key: a session token may not set a link's branding.",
                    "branding_requires_api_key", List.of(new Problem.FieldError("branding",
                            "may be set only with the API key, from your backend; leave it out with a session token"))));
        }
        Violations v = new Violations();
        input.keySet().stream().filter(k -> !FIELDS.contains(k)).forEach(k -> v.add(k, "is not a field of this request; known fields: "
                + String.join(", ", List.of("linked_account_id", "connectors", "config_id", "return_url", "expires_in", "branding"))));
        LinkedAccountId account = account(input.get("linked_account_id"), caller, v);
        List<ConnectorSlug> connectors = new ArrayList<>();
        Object list = input.get("connectors");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof String s) {
                    Optional.ofNullable(v.check("connectors", () -> new ConnectorSlug(s))).ifPresent(connectors::add);
                } else {
                    v.add("connectors", "must be a list of connector slugs");
                }
            }
        } else if (list != null) {
            v.add("connectors", "must be a list of connector slugs, e.g. [\"hubspot\"]");
        }
        Optional<String> configId = text(input, "config_id", v).map(id -> v.check("config_id", () -> PortalScope.requireConfigId(id)));
        Optional<String> returnUrl = text(input, "return_url", v);
        Optional<Duration> lifetime = Optional.empty();
        Object expiresIn = input.get("expires_in");
        if (expiresIn instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            lifetime = Optional.ofNullable(v.check("expires_in", () -> ConnectLink.lifetime(n.longValue())));
        } else if (expiresIn != null) {
            v.add("expires_in", "must be a whole number of seconds, 60 to 604800");
        }
        Branding overrides = Branding.DEFAULT;
        Object branding = input.get("branding");
        if (branding instanceof Map<?, ?> map) {
            try {
                overrides = Branding.parse((Map<String, Object>) map, "branding.");
            } catch (InvalidInputException e) {
                e.violations().forEach(violation -> v.add(violation.field(), violation.message()));
            }
        } else if (branding != null) {
            v.add("branding", "must be an object of branding fields to override");
        }
        PortalScope scope = v.isEmpty() ? v.check("connectors", () -> new PortalScope(connectors, configId, returnUrl, Branding.DEFAULT)) : null;
        v.throwIfAny();
        PortalScope withBranding = new PortalScope(scope.connectors(), scope.configId(), scope.returnUrl(), overrides);
        CreatedConnectLink link = create.create(new CreateConnectLinkCommand(Caller.workspace(caller), account, withBranding, lifetime));
        return HttpResponse.created(new ConnectLinkResponse(publicUrl.base() + "/connect/" + link.code(), Timestamps.format(link.expiresAt())));
    }

    private static LinkedAccountId account(Object given, Authentication caller, Violations v) {
        if (caller.getRoles().contains(Roles.SESSION)) {
            LinkedAccountId own = Caller.sessionAccount(caller);
            if (given != null && !own.value().equals(given)) {
                v.add("linked_account_id", "must be left out with a session token (it acts for its own linked account)");
            }
            return own;
        }
        if (!(given instanceof String id)) {
            v.add("linked_account_id", given == null ? "is required with an API key" : "must be a string");
            return null;
        }
        return v.check("linked_account_id", () -> new LinkedAccountId(id));
    }

    private static Optional<String> text(Map<String, Object> input, String field, Violations v) {
        Object value = input.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        v.add(field, "must be a string");
        return Optional.empty();
    }
}
