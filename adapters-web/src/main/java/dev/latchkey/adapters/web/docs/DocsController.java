package dev.latchkey.adapters.web.docs;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;

/** The OpenAPI document generated from the code, and a browsable UI for it. Public. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class DocsController {
    private static final String SPEC = "classpath:META-INF/swagger/openapi.yml";
    private final ResourceResolver resources;

    public DocsController(ResourceResolver resources) {
        this.resources = resources;
    }

    @Get("/openapi.yml")
    public HttpResponse<StreamedFile> openapi() {
        return resources.getResource(SPEC)
                .map(url -> HttpResponse.ok(new StreamedFile(url)).contentType(MediaType.of("application/yaml")))
                .orElseGet(HttpResponse::notFound);
    }

    @Get("/docs")
    public HttpResponse<Void> docs() {
        return HttpResponse.seeOther(URI.create("/swagger-ui/index.html"));
    }
}
