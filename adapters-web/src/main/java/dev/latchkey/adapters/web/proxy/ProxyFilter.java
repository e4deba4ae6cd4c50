package dev.latchkey.adapters.web.proxy;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.error.Problems;
import dev.latchkey.adapters.web.security.Caller;
import dev.latchkey.adapters.web.security.Roles;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.connection.ConnectionId;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * {@code /v1/proxy/{connector}/{path...}}: the company's backend calls a provider's API as one of its
 * customers, and Latchkey signs the request. Bodies stream both ways (Micronaut's ProxyHttpClient);
 * a request body of at most 1 MiB is buffered so that, when the provider answers 401, the token is
 * refreshed once and the request replayed once. Runs after the security filter: only API keys pass.
 */
@Filter("/v1/proxy/**")
public class ProxyFilter implements HttpServerFilter {
    static final String PREFIX = "/v1/proxy/";
    static final String CONNECTION_HEADER = "X-Connection-Id";
    static final String RESULT_HEADER = "X-Latchkey-Connection-Id";
    private static final long REPLAYABLE_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ProxyFilter.class);
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE, HttpMethod.HEAD);
    /** Never forwarded: hop-by-hop headers, the caller's credentials, Latchkey's own headers. */
    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "authorization", "cookie", "x-linked-account-id", "x-connection-id",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip");

    private final PrepareProxyRequestUseCase prepare;
    private final ProxyHttpClient client;
    private final Scheduler blocking;

    /** The client's base URL is never used: every request it sends names its provider's absolute URL. */
    public ProxyFilter(PrepareProxyRequestUseCase prepare, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                       @Client(value = "https://provider.invalid", configuration = ProxyClientConfiguration.class) ProxyHttpClient client) {
        this.prepare = prepare;
        this.blocking = Schedulers.fromExecutorService(executor);
        this.client = client;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        try {
            Call call = parse(request);
            return Mono.from(send(request, call))
                    .onErrorResume(error -> Mono.just(problem(error)));
        } catch (RuntimeException e) {
            return Publishers.just(problem(e));
        }
    }

    /** What the caller asked for, checked before anything else happens. */
    private record Call(PrepareProxyRequestCommand command, String rawPath, String rawQuery, boolean replayable) {
    }

    private Call parse(HttpRequest<?> request) {
        Authentication auth = request.getUserPrincipal(Authentication.class)
                .orElseThrow(() -> new IllegalStateException("the security filter lets no anonymous request through to the proxy"));
        if (!auth.getRoles().contains(Roles.API_KEY)) {
            throw new ForbiddenProxyException();
        }
        if (!METHODS.contains(request.getMethod())) {
            throw InvalidInputException.of("method", "the proxy forwards GET, POST, PUT, PATCH, DELETE and HEAD");
        }
        String rawPath = request.getUri().getRawPath();
        String rest = rawPath.length() > PREFIX.length() ? rawPath.substring(PREFIX.length()) : "";
        int slash = rest.indexOf('/');
        String slugText = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        ConnectorSlug slug;
        try {
            slug = new ConnectorSlug(slugText);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("connector", e.getMessage());
        }
        ProxyPath.problem(path).ifPresent(problem -> {
            throw new InvalidInputException(java.util.List.of(new dev.latchkey.domain.FieldViolation("path", problem)));
        });
        String accountHeader = request.getHeaders().get("X-Linked-Account-Id");
        if (accountHeader == null || accountHeader.isBlank()) {
            throw InvalidInputException.of("X-Linked-Account-Id", "is required: the linked account to act for");
        }
        LinkedAccountId account;
        try {
            account = new LinkedAccountId(accountHeader);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("X-Linked-Account-Id", e.getMessage());
        }
        Optional<ConnectionId> connectionId = Optional.ofNullable(request.getHeaders().get(CONNECTION_HEADER)).map(id -> {
            try {
                return ConnectionId.parse(id);
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of(CONNECTION_HEADER, e.getMessage());
            }
        });
        long length = request.getContentLength();
        boolean chunked = request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
        boolean replayable = !chunked && length <= REPLAYABLE_BYTES;
        return new Call(new PrepareProxyRequestCommand(Caller.workspace(auth), account, slug, connectionId, false), path,
                request.getUri().getRawQuery(), replayable);
    }

    private Publisher<MutableHttpResponse<?>> send(HttpRequest<?> request, Call call) {
        if (!call.replayable()) {
            return target(call.command())
                    .flatMap(target -> Mono.from(client.proxy(outgoing(request.mutate(), request, call, target, false)))
                            .map(response -> response.header(RESULT_HEADER, target.connectionId().toString())));
        }
        Mono<byte[]> body = request instanceof ServerHttpRequest<?> server
                ? Mono.fromFuture(server.byteBody().buffer()).map(ProxyFilter::bytes)
                : Mono.just(new byte[0]);
        return body.flatMap(bytes -> target(call.command())
                .flatMap(target -> forward(request, call, target, bytes))
                .flatMap(response -> {
                    if (response.status() != HttpStatus.UNAUTHORIZED) {
                        return Mono.just(response);
                    }
                    // The token was refused: refresh it once (unless someone just did) and replay once.
                    PrepareProxyRequestCommand forced = new PrepareProxyRequestCommand(call.command().workspaceId(),
                            call.command().accountId(), call.command().connector(), call.command().connectionId(), true);
                    return target(forced).flatMap(target -> forward(request, call, target, bytes));
                }));
    }

    /** The target prepared moments ago, right here; else prepared on a blocking thread (it reads the database). */
    private Mono<ProxyTarget> target(PrepareProxyRequestCommand command) {
        return prepare.remembered(command).map(Mono::just)
                .orElseGet(() -> Mono.fromCallable(() -> prepare.prepare(command)).subscribeOn(blocking));
    }

    private Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, Call call, ProxyTarget target, byte[] body) {
        MutableHttpRequest<Object> fresh = HttpRequest.create(request.getMethod(), "/");
        MutableHttpRequest<?> out = outgoing(fresh, request, call, target, true);
        if (body.length > 0) {
            out.body(body);
        }
        return Mono.from(client.proxy(out)).map(response -> response.header(RESULT_HEADER, target.connectionId().toString()));
    }

    /** The request to the provider: the caller's headers minus the dropped ones, the signature, the confined URI. */
    private static MutableHttpRequest<?> outgoing(MutableHttpRequest<?> out, HttpRequest<?> original, Call call, ProxyTarget target,
                                                  boolean copyHeaders) {
        URI uri = targetUri(target, call);
        out.uri(uri);
        for (String name : original.getHeaders().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED.contains(lower) || lower.startsWith("x-latchkey-")) {
                out.getHeaders().remove(name);
            } else if (copyHeaders) {
                original.getHeaders().getAll(name).forEach(value -> out.getHeaders().add(name, value));
            }
        }
        target.headers().forEach((name, value) -> out.getHeaders().set(name, value));
        return out;
    }

    static URI targetUri(ProxyTarget target, Call call) {
        String base = target.baseUrl().toString();
        String query = call.rawQuery() == null ? "" : call.rawQuery();
        String signed = target.queryParameters().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        if (!signed.isEmpty()) {
            query = query.isEmpty() ? signed : query + "&" + signed;
        }
        URI uri = URI.create(base + (call.rawPath().isEmpty() ? "" : "/" + call.rawPath()) + (query.isEmpty() ? "" : "?" + query));
        if (!ProxyPath.confined(target.baseUrl(), uri)) {
            throw InvalidInputException.of("path", "leads outside the connector's API");
        }
        return uri;
    }

    private static byte[] bytes(CloseableAvailableByteBody body) {
        try (body) {
            return body.toByteArray();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static MutableHttpResponse<?> problem(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        MutableHttpResponse<Problem> response = switch (e) {
            case InvalidInputException invalid -> Problems.response(Problems.invalid(invalid.violations()));
            case NotFoundException notFound -> Problems.response(HttpStatus.NOT_FOUND, notFound.code(), notFound.getMessage());
            case ConflictException conflict -> Problems.response(HttpStatus.CONFLICT, conflict.code(), conflict.getMessage());
            case ForbiddenProxyException forbidden -> Problems.response(HttpStatus.FORBIDDEN, "forbidden_for_session_token",
                    "The proxy takes the workspace's API key, from your backend only.");
            case ProviderException provider -> Problems.response(HttpStatus.BAD_GATEWAY, "provider_unavailable", provider.getMessage());
            case ReadTimeoutException timeout -> Problems.response(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout",
                    "The provider did not answer in time.");
            case HttpClientException unreachable -> Problems.response(HttpStatus.BAD_GATEWAY, "upstream_unreachable",
                    "The provider could not be reached.");
            default -> {
                LOG.error("Proxying failed", e);
                yield Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Latchkey failed to proxy this request.");
            }
        };
        return response;
    }

    /** A session token on the proxy. */
    private static final class ForbiddenProxyException extends RuntimeException {
        ForbiddenProxyException() {
            super("forbidden_for_session_token");
        }
    }
}
