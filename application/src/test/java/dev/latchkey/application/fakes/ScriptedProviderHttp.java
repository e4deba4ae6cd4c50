package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ProviderHttpPort;
import dev.latchkey.domain.connection.ProviderException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider that answers what the test scripted, by method and full URL (query included), and
 * records every request. An unscripted request fails the test loudly (IllegalStateException), so
 * a service cannot quietly call a provider the test did not expect.
 */
public final class ScriptedProviderHttp implements ProviderHttpPort {
    private final Map<String, ProviderResponse> responses = new HashMap<>();
    private final Map<String, ProviderException> failures = new HashMap<>();
    private final List<ProviderRequest> requests = new ArrayList<>();

    private static String key(String method, String url) {
        return method + " " + url;
    }

    public ScriptedProviderHttp respond(String method, String url, ProviderResponse response) {
        responses.put(key(method, url), response);
        return this;
    }

    /** A JSON answer: {@code json} is what the adapter would have parsed (maps, lists, scalars). */
    public ScriptedProviderHttp respondJson(String method, String url, int status, Object json) {
        return respond(method, url, new ProviderResponse(status, Map.of("Content-Type", "application/json"), String.valueOf(json),
                Optional.of(json)));
    }

    public ScriptedProviderHttp respondText(String method, String url, int status, String body) {
        return respond(method, url, new ProviderResponse(status, Map.of(), body));
    }

    /** The request fails before any answer: a refused address, a timeout. */
    public ScriptedProviderHttp fail(String method, String url, ProviderException failure) {
        failures.put(key(method, url), failure);
        return this;
    }

    @Override
    public synchronized ProviderResponse send(ProviderRequest request) {
        requests.add(request);
        String key = key(request.method(), request.uri().toString());
        ProviderException failure = failures.get(key);
        if (failure != null) {
            throw failure;
        }
        ProviderResponse response = responses.get(key);
        if (response == null) {
            throw new IllegalStateException("unscripted provider request: " + key + "; scripted: " + responses.keySet());
        }
        return response;
    }

    public synchronized List<ProviderRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized ProviderRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no provider request was made");
        }
        return requests.get(requests.size() - 1);
    }

    /** Refuses what the real guard refuses most visibly: plain http. */
    @Override
    public java.util.List<java.net.InetAddress> checkDestination(java.net.URI uri) {
        if (!"https".equals(uri.getScheme())) {
            throw dev.latchkey.domain.connection.ProviderException.unavailable("refusing " + uri.getScheme() + "://" + uri.getHost());
        }
        return java.util.List.of(java.net.InetAddress.getLoopbackAddress());
    }
}
