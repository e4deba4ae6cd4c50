package dev.latchkey.adapters.web.oauth;

import dev.latchkey.adapters.web.portal.PortalPages;
import dev.latchkey.adapters.web.portal.ReturnUrl;
import dev.latchkey.adapters.web.portal.PortalTexts;
import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.application.port.in.AuthorizationCallback;
import dev.latchkey.application.port.in.GetBrandingUseCase;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.application.port.in.AuthorizationOutcome;
import dev.latchkey.application.port.in.CompleteAuthorizationUseCase;
import dev.latchkey.domain.connection.PendingAuthorization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where providers send the customer back ({@code LATCHKEY_PUBLIC_URL/oauth/callback}). Popup mode: a
 * small page that posts the result to {@code window.opener}, only to the workspace's allowed origins,
 * and closes. Redirect mode: back to the return URL with {@code latchkey_status} parameters.
 */
@Controller("/oauth/callback")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class OAuthCallbackController {
    /** More than any provider sends back; the rest are ignored. */
    private static final int MAX_PARAMETERS = 32;
    private final CompleteAuthorizationUseCase complete;
    private final JsonMapper json;
    private final GetBrandingUseCase branding;
    private final PortalTexts texts;
    private final PublicUrl publicUrl;
    private final String stylesheet;
    private final SecureRandom random = new SecureRandom();

    public OAuthCallbackController(CompleteAuthorizationUseCase complete, JsonMapper json, GetBrandingUseCase branding, PortalTexts texts,
                                   PublicUrl publicUrl) {
        this.complete = complete;
        this.json = json;
        this.branding = branding;
        this.texts = texts;
        this.publicUrl = publicUrl;
        this.stylesheet = PortalPages.stylesheet();
    }

    /**
     * The parameters named here are documented; the callback passes every query parameter (its first value) on, since
     * which ones complete an authorization is the scheme's business (the connector's {@code callback_parameters}).
     */
    @Get("{?state,code,oauth_token,oauth_verifier,error,error_description}")
    public MutableHttpResponse<?> callback(@QueryValue @Nullable String state, @QueryValue @Nullable String code,
                                           @QueryValue("oauth_token") @Nullable String oauthToken,
                                           @QueryValue("oauth_verifier") @Nullable String oauthVerifier,
                                           @QueryValue @Nullable String error, @QueryValue("error_description") @Nullable String errorDescription,
                                           HttpRequest<?> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> {
            if (!values.isEmpty() && parameters.size() < MAX_PARAMETERS) {
                parameters.put(name, values.getFirst());
            }
        });
        AuthorizationOutcome outcome = complete.complete(new AuthorizationCallback(parameters));
        Optional<PendingAuthorization> pending = outcome.pending();
        if (pending.isPresent() && pending.get().mode() == PendingAuthorization.Mode.REDIRECT && pending.get().returnUrl().isPresent()
                && returnAllowed(outcome, pending.get().returnUrl().get())) {
            return noStore(HttpResponse.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, URI.create(ReturnUrl.withParams(pending.get().returnUrl().get(), result(outcome))).toString()));
        }
        return page(outcome, request);
    }

    /** Under an allowed origin, or back into the hosted portal (which starts OAuth in redirect mode). */
    private boolean returnAllowed(AuthorizationOutcome outcome, String returnUrl) {
        return outcome.allowedOrigins().allows(returnUrl) || returnUrl.startsWith(publicUrl.portalBase());
    }

    private Map<String, String> result(AuthorizationOutcome outcome) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("latchkey_status", outcome.connected() ? "connected" : "error");
        outcome.pending().ifPresent(p -> result.put("connector", p.connector().value()));
        outcome.connection().ifPresent(c -> result.put("connection_id", c.id().toString()));
        outcome.error().ifPresent(e -> result.put("error", e));
        return result;
    }

    private MutableHttpResponse<String> page(AuthorizationOutcome outcome, HttpRequest<?> request) {
        Branding brand = outcome.pending().map(p -> branding.get(p.workspaceId()).branding()).orElse(Branding.DEFAULT);
        Map<String, String> t = texts.texts(texts.language(request.getHeaders().get("Accept-Language")), brand);
        String nonce = nonce();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("source", "latchkey");
        message.put("type", "connect_result");
        message.put("status", outcome.connected() ? "connected" : "error");
        message.put("connector", outcome.pending().map(p -> p.connector().value()).orElse(null));
        message.put("connection_id", outcome.connection().map(c -> c.id().toString()).orElse(null));
        message.put("error", outcome.error().orElse(null));
        String script = outcome.pending().isPresent() && !outcome.allowedOrigins().origins().isEmpty()
                ? "<script nonce=\"" + nonce + "\">(function () {\n"
                + "  var result = " + scriptJson(message) + ";\n"
                + "  var origins = " + scriptJson(outcome.allowedOrigins().origins()) + ";\n"
                + "  if (window.opener) {\n"
                + "    origins.forEach(function (origin) { try { window.opener.postMessage(result, origin); } catch (e) {} });\n"
                + "    setTimeout(function () { window.close(); }, 50);\n"
                + "  }\n"
                + "})();</script>\n"
                : "";
        String title = escape(outcome.connected() ? t.get("oauth_connected_title") : t.get("oauth_failed_title"));
        String header = brand.logoUrl().map(logo -> "<img src=\"" + escape(logo) + "\" alt=\"" + escape(brand.name().orElse("")) + "\">")
                .or(() -> brand.name().map(name -> "<span class=\"name\">" + escape(name) + "</span>")).orElse("");
        String html = "<!doctype html>\n<html lang=\"" + texts.language(request.getHeaders().get("Accept-Language")) + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title><style nonce=\"" + nonce + "\">" + stylesheet + PortalPages.css(brand) + "</style></head>\n<body>"
                + "<header class=\"brand\">" + header + "</header><main role=\"status\"><h1>" + title + "</h1><p>"
                + escape(outcome.message()) + "</p></main>\n" + script + "</body></html>\n";
        return noStore(HttpResponse.ok(html).contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce
                        + "'; img-src https: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
                .header("X-Content-Type-Options", "nosniff"));
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }

    private String scriptJson(Object value) {
        try {
            // Inside <script>, "</script>" or "<!--" in a value must not end the element.
            return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
