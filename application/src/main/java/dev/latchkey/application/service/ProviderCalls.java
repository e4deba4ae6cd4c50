package dev.latchkey.application.service;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.HttpCheck;
import dev.latchkey.domain.connector.JsonPointer;
import dev.latchkey.domain.credential.Credentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The connector's verification and identity requests, signed with fresh credentials. */
final class ProviderCalls {
    private final ProviderHttpPort http;

    ProviderCalls(ProviderHttpPort http) {
        this.http = http;
    }

    /** Runs the connector's {@code verify} request, if any; a refusal is REJECTED with the provider's words. */
    void verify(AuthSchemePort scheme, AuthSchemePort.Context context, Credentials credentials, Map<String, String> tokenValues) {
        Optional<HttpCheck> check = context.connector().verify();
        if (check.isEmpty()) {
            return;
        }
        ProviderHttpPort.ProviderResponse response = send(scheme, context, credentials, tokenValues, check.get());
        if (response.status() != check.get().expectStatus()) {
            if (response.status() >= 500) {
                throw ProviderException.unavailable(context.connector().name() + " could not check the credentials right now (HTTP "
                        + response.status() + "); try again in a moment.");
            }
            throw ProviderException.rejected("credentials_rejected", context.connector().name() + " refused these credentials (HTTP "
                    + response.status() + ")" + providerMessage(response.body()));
        }
    }

    /** The human label of the connection from the connector's {@code identity} request; empty when there is none or it fails. */
    Optional<String> identify(AuthSchemePort scheme, AuthSchemePort.Context context, Credentials credentials, Map<String, String> tokenValues) {
        Optional<HttpCheck> check = context.connector().identity();
        if (check.isEmpty() || check.get().pointer().isEmpty()) {
            return Optional.empty();
        }
        try {
            ProviderHttpPort.ProviderResponse response = send(scheme, context, credentials, tokenValues, check.get());
            if (response.status() / 100 != 2) {
                return Optional.empty();
            }
            return response.json().flatMap(json -> JsonPointer.text(json, check.get().pointer().get()));
        } catch (ProviderException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ProviderHttpPort.ProviderResponse send(AuthSchemePort scheme, AuthSchemePort.Context context, Credentials credentials,
                                                   Map<String, String> tokenValues, HttpCheck check) {
        Map<String, String> values = new HashMap<>(tokenValues);
        values.putAll(context.params());
        String base = context.connector().baseUrl().fill(values);
        Map<String, String> pathValues = new HashMap<>();
        values.forEach((k, v) -> pathValues.put(k, encode(v)));
        credentials.fields().forEach((k, v) -> pathValues.putIfAbsent(k, encode(v)));
        String path = check.path().fill(pathValues);
        String unsigned = stripTrailingSlash(base) + path;
        Map<String, String> headers = new HashMap<>(context.connector().apiHeaders());
        headers.put("Accept", "application/json");
        AuthSchemePort.Signature signature = scheme.sign(context, credentials,
                new AuthSchemePort.OutboundRequest(check.method(), URI.create(unsigned), headers, Optional.of(AuthSchemePort.Body.EMPTY)));
        String query = signature.queryParameters().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        String url = unsigned + (query.isEmpty() ? "" : (path.contains("?") ? "&" : "?") + query);
        headers.putAll(signature.headers());
        return http.send(new ProviderHttpPort.ProviderRequest(check.method(), URI.create(url), headers, Optional.empty()));
    }

    private static String providerMessage(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            return ".";
        }
        return ": " + (trimmed.length() > 300 ? trimmed.substring(0, 300) + "…" : trimmed);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
