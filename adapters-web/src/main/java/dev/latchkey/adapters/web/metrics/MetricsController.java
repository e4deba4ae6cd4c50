package dev.latchkey.adapters.web.metrics;

import dev.latchkey.adapters.web.docs.RequestHeadProblems;
import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.security.Roles;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The Prometheus scrape on the API's port, for the operator only: like the admin API it exists only
 * when LATCHKEY_ADMIN_TOKEN is set (a 404 otherwise) and takes that token. A Prometheus that cannot
 * hold the token scrapes LATCHKEY_METRICS_PORT instead, which serves nothing else.
 */
@Controller
@Requires(property = "latchkey.admin-token")
@Secured(Roles.ADMIN)
@Tag(name = "Operations")
@RequestHeadProblems
public class MetricsController {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(uri = "/metrics", produces = PROMETHEUS_TEXT)
    @Operation(summary = "Metrics, in Prometheus text format",
            description = "Proxied requests, refreshes, webhook deliveries, connections, the webhook outbox, the activity log's drops, "
                    + "the API-key cache, the database pool, the JVM and the process. Labels never name a workspace, account or connection. "
                    + "Absent (404) when LATCHKEY_ADMIN_TOKEN is unset; LATCHKEY_METRICS_PORT serves the same without authentication on its own port.")
    @SecurityRequirement(name = "adminToken")
    @ApiResponse(responseCode = "200", description = "The scrape", content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "validation_failed: a query value or header that cannot be stored (NUL, a lone surrogate); errors[] names it",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "unauthorized: no credential, or an unknown one",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "admin_token_required: an API key or session token is not the operator's",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not_found: LATCHKEY_ADMIN_TOKEN is unset, so /metrics is not served on this port",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "too_many_attempts: too many failed authentications from this address, with Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).contentType(PROMETHEUS_TEXT);
    }
}
