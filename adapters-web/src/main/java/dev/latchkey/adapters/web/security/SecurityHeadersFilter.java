package dev.latchkey.adapters.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.http.server.types.files.SystemFile;

/**
 * Headers on every answer of Latchkey's HTTP server (the proxy's own problems carry the first two as
 * well; a provider's answer passes through the proxy unchanged):
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}, always.</li>
 * <li>{@code Cache-Control: no-store} unless the answer is cached on purpose: it sets its own (the
 * portal's script), or it is a file ({@code /openapi.yml}, the Swagger UI), which Micronaut answers
 * with {@code private, max-age=60}. Answers carry session tokens, access tokens, API keys, webhook
 * secrets: rather than tell which do, nothing is stored by browsers or shared caches unless it was
 * meant to be.</li>
 * <li>{@code Strict-Transport-Security: max-age=31536000} when {@code LATCHKEY_PUBLIC_URL} is https.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {
    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String TRANSPORT_SECURITY = "Strict-Transport-Security";
    static final String NOSNIFF = "nosniff";
    static final String NO_STORE = "no-store";
    static final String HSTS = "max-age=31536000";

    private final boolean https;

    public SecurityHeadersFilter(PublicUrl publicUrl) {
        this.https = publicUrl.isHttps();
    }

    /** Outermost: it sees every answer last, the security filter's 401s and the error handlers' problems included. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        HttpHeaders headers = response.getHeaders();
        if (!headers.contains(CONTENT_TYPE_OPTIONS)) {
            response.header(CONTENT_TYPE_OPTIONS, NOSNIFF);
        }
        if (!headers.contains(HttpHeaders.CACHE_CONTROL) && !isFile(response.body())) {
            response.header(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
        if (https) {
            response.header(TRANSPORT_SECURITY, HSTS);
        }
    }

    private static boolean isFile(Object body) {
        return body instanceof StreamedFile || body instanceof SystemFile;
    }
}
