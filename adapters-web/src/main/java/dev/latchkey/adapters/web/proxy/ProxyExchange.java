package dev.latchkey.adapters.web.proxy;

import dev.latchkey.adapters.web.error.Problem;
import dev.latchkey.adapters.web.request.LogContext;
import dev.latchkey.adapters.web.request.RequestId;
import dev.latchkey.adapters.web.request.WebTracing;
import dev.latchkey.adapters.web.security.AuthFailureThrottle;
import dev.latchkey.adapters.web.security.ClientAddresses;
import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.in.RequestIds;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.workspace.ApiKeySecret;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One proxied request, from the caller's request line to the last byte of the provider's answer. Runs
 * on the caller connection's event loop; the two steps that may touch the database (an API key not seen
 * lately, a target not prepared lately) run on a blocking thread and come back.
 *
 * <p>A body of at most 1 MiB (by Content-Length) is kept whole, so that when the provider answers 401
 * the token is refreshed once and the request replayed once, and so that a request on a pooled
 * connection the provider had just closed is sent again on a new one. A larger or chunked body streams
 * through as it arrives, reading from the caller only as fast as the provider takes it; the answer
 * streams back the same way (and while the caller does not take it, the provider's silence is not timed).
 * An answer cut after it began closes the caller's connection, so that the caller never takes it for whole.
 */
final class ProxyExchange {
    static final String RESULT_HEADER = "X-Latchkey-Connection-Id";
    static final String RETRIED_HEADER = "X-Latchkey-Retried";
    /** Methods a limited answer may be retried for (RFC 9110 §9.2.2): sending them twice does what sending them once does. */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
            HttpMethod.DELETE);
    /** How long a retry waits for a limited answer that says nothing of when to try again. */
    private static final Duration UNSIGNALLED_WAIT = Duration.ofSeconds(1);
    private static final long REPLAYABLE_BYTES = 1024 * 1024;
    /** Never forwarded to the provider: hop-by-hop headers, the caller's credentials, Latchkey's own headers. */
    private static final Set<String> DROPPED_REQUEST = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "expect", "authorization",
            "cookie", "x-linked-account-id", "x-connection-id", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "x-real-ip");
    /** Never passed back to the caller: hop-by-hop headers; the framing is the caller connection's own. */
    private static final Set<String> DROPPED_RESPONSE = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private static final String LATCHKEY_PREFIX = "x-latchkey-";
    private static final Set<String> TRACE_CONTEXT = caseInsensitive(WebTracing.HEADERS.toArray(String[]::new));

    private final ProxyServer server;
    private final ProxyConnectionHandler client;
    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final boolean keepAlive;
    private final boolean replayable;
    /** A replayable request's body, whole once {@link #requestRead}; null while it has none. */
    private CompositeByteBuf body;
    /** A streamed request's body that arrived before the provider connection was ready. */
    private final ArrayDeque<HttpContent> early = new ArrayDeque<>();

    private WorkspaceId workspace;
    private ProxyCall call;
    private ProxyTarget target;
    private String requestTarget;
    private ProviderConnections.Lease lease;
    private HttpResponse providerResponse;
    private ChannelFuture lastWrite;
    private ScheduledFuture<?> timer;
    private long lastActivity;
    private long bodyBytes;
    private boolean requestRead;
    private boolean requestSent;
    private boolean streaming;
    private boolean paused;
    /** Reading from the provider waits until the caller takes what it was sent (its connection is full). */
    private boolean awaitingClient;
    private long awaitingClientSince;
    /** The caller's answer ends where its connection ends (an HTTP/1.0 caller, no Content-Length). */
    private boolean closeDelimited;
    private boolean replayed;
    /** Retries made after a limited answer, and what they waited in all. */
    private int retried;
    private long retryWaitedNanos;
    /** The wait before the retry of a limited answer being discarded; null when none is due. */
    private Duration retryAfterDiscard;
    private boolean resent;
    private boolean discarding;
    private boolean replayAfterDiscard;
    private boolean answerStarted;
    private boolean closeClient;
    private boolean done;
    private final ProxyActivity activity;
    /** The exchange's span and the current call to the provider's, when traces are on (README, "Traces"); else null. */
    private final Span span;
    private Span providerSpan;

    ProxyExchange(ProxyServer server, ProxyConnectionHandler client, ChannelHandlerContext ctx, HttpRequest request) {
        this.server = server;
        this.client = client;
        this.ctx = ctx;
        this.request = request;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        long length = HttpUtil.getContentLength(request, 0L);
        this.replayable = !HttpUtil.isTransferEncodingChunked(request) && length <= REPLAYABLE_BYTES;
        this.activity = new ProxyActivity(RequestId.accept(request.headers().get(RequestId.HEADER)), request.method().name());
        if (server.tracing.enabled()) {
            String method = request.method().name();
            span = server.tracing.startServer(method + " " + ProxyCall.ROUTE, request, name -> request.headers().get(name));
            span.setAttribute("http.request.method", method);
            span.setAttribute("http.route", ProxyCall.ROUTE);
            span.setAttribute("latchkey.request_id", activity.requestId);
        } else {
            span = null;
        }
    }

    // --- the caller's side ---

    void start() {
        String token = bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (token == null) {
            fail(ProxyProblems.unauthorized());
            return;
        }
        if (!ApiKeySecret.looksLikeApiKey(token)) {
            if (token.chars().filter(c -> c == '.').count() == 2) {
                fail(ProxyProblems.sessionToken());
            } else {
                refused();
            }
            return;
        }
        Optional<ApiKeyPrincipal> known = server.apiKeys.remembered(token);
        if (known.isPresent()) {
            authenticated(known.get());
        } else if (server.apiKeys.refusedMomentsAgo(token)) {
            refused(); // a flood of one bad key: answered on the event loop, no database
        } else {
            offload(() -> server.apiKeys.authenticate(token), principal -> principal.ifPresentOrElse(this::authenticated, this::refused));
        }
    }

    /** A presented credential that is no live API key: 401, or 429 once the caller's address has failed too often. */
    private void refused() {
        Optional<Duration> wait = server.throttle.failed(server.clientAddresses.of(ctx.channel().remoteAddress(),
                request.headers().getAll(ClientAddresses.FORWARDED_FOR)));
        if (wait.isPresent()) {
            fail(AuthFailureThrottle.tooManyAttempts(wait.get()), wait);
        } else {
            fail(ProxyProblems.unauthorized());
        }
    }

    private void authenticated(ApiKeyPrincipal principal) {
        workspace = principal.workspaceId();
        activity.caller(workspace);
        try {
            call = ProxyCall.parse(request);
            activity.call(call);
            if (span != null) {
                span.setAttribute("latchkey.connector", call.connector().value());
            }
        } catch (InvalidInputException e) {
            fail(ProxyProblems.of(e));
            return;
        }
        if (HttpUtil.getContentLength(request, 0L) > server.settings.maxRequestSize()) {
            fail(ProxyProblems.tooLarge(server.settings.maxRequestSize()));
            return;
        }
        if (HttpUtil.is100ContinueExpected(request) && !requestRead) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        prepare(Optional.empty());
    }

    /** A piece of the caller's request body. */
    void body(HttpContent content) {
        bodyBytes += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestRead = true;
        }
        if (done) {
            content.release();
            return;
        }
        if (bodyBytes > server.settings.maxRequestSize()) {
            content.release();
            closeClient = true;
            fail(ProxyProblems.tooLarge(server.settings.maxRequestSize()));
            return;
        }
        if (replayable) {
            if (content.content().isReadable()) {
                if (body == null) {
                    body = ctx.alloc().compositeBuffer(64);
                }
                body.addComponent(true, content.content().retain());
            }
            content.release();
            if (last && lease != null && !requestSent) {
                sendWhole();
            }
        } else if (streaming) {
            sendPiece(content);
        } else {
            early.add(content);
        }
    }

    void clientReadComplete() {
        if (streaming && lease != null) {
            lease.channel().flush();
        }
        if (!done && !requestRead && !pausesReading()) {
            client.readMore();
        }
    }

    /** Whether reading the caller's body must wait: the provider is not ready for it, or not taking more. */
    boolean pausesReading() {
        return !requestRead && !done && (paused || (!replayable && !streaming));
    }

    void clientWritabilityChanged() {
        if (awaitingClient && lease != null && ctx.channel().isWritable()) {
            awaitingClient = false;
            lease.channel().config().setAutoRead(true);
            // The provider could not be heard while it was not read from: its silence counts from now.
            stopWatching();
            watch();
        }
    }

    void clientClosed() {
        closeClient = true;
        finish(false);
    }

    // --- preparing ---

    /** @param rejected the target the provider answered 401 to, when this prepares the replay */
    private void prepare(Optional<ProxyTarget> rejected) {
        var command = rejected.map(call.command(workspace)::rejecting).orElseGet(() -> call.command(workspace));
        Optional<ProxyTarget> known = server.prepare.remembered(command);
        if (known.isPresent()) {
            prepared(known.get());
        } else {
            offload(() -> RequestIds.within(activity.requestId, () -> server.prepare.prepare(command)), this::prepared);
        }
    }

    private void prepared(ProxyTarget target) {
        this.target = target;
        this.requestTarget = call.requestTarget(target);
        activity.target(target, requestTarget);
        if (span != null) {
            span.setAttribute("latchkey.connection_id", target.connectionId().toString());
        }
        connect(false);
    }

    private void connect(boolean fresh) {
        URI base = target.baseUrl();
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        Promise<ProviderConnections.Lease> leasing = ctx.executor().newPromise();
        leasing.addListener(leased -> {
            if (leased.isSuccess()) {
                connected(leasing.getNow());
            } else if (!done) {
                fail(ProxyProblems.unreachable());
            }
        });
        server.connections.acquire(ctx.channel().eventLoop(), ctx.channel().getClass(),
                new ProviderConnections.Destination(tls, base.getHost(), port), target.addresses(), fresh, leasing);
    }

    private void connected(ProviderConnections.Lease lease) {
        if (done) {
            lease.channel().close();
            return;
        }
        this.lease = lease;
        lease.handler().attach(this);
        if (replayable) {
            if (requestRead) {
                sendWhole();
            }
            return;
        }
        Channel provider = lease.channel();
        startProviderCall();
        HttpRequest head = headOrFail();
        if (head == null) {
            return;
        }
        provider.write(head);
        activity.sent();
        streaming = true;
        for (HttpContent content; (content = early.poll()) != null; ) {
            sendPiece(content);
        }
        provider.flush();
        watch();
        if (!requestRead && !paused) {
            client.readMore();
        }
    }

    // --- sending ---

    private HttpRequest head() {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), requestTarget);
        HttpHeaders headers = head.headers();
        Set<String> named = connectionNamed(request.headers());
        // The caller's trace context reaches the provider only through a connector that allows it; with traces
        // on, it is replaced by the provider call's own (a child of the caller's).
        boolean dropTrace = !target.propagateTrace() || providerSpan != null;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (!DROPPED_REQUEST.contains(name) && !name.regionMatches(true, 0, LATCHKEY_PREFIX, 0, LATCHKEY_PREFIX.length())
                    && !named.contains(name) && !(dropTrace && TRACE_CONTEXT.contains(name))) {
                headers.add(name, header.getValue());
            }
        }
        if (providerSpan != null && target.propagateTrace()) {
            server.tracing.inject(providerSpan, headers::set);
        }
        headers.set(HttpHeaderNames.HOST, target.baseUrl().getRawAuthority());
        target.headers().forEach(headers::set);
        sign(head);
        if (replayable) {
            if (body != null || HttpUtil.isContentLengthSet(request)) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.readableBytes());
            }
        } else if (HttpUtil.isTransferEncodingChunked(request)) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return head;
    }

    /**
     * The request's head, signed; or null when the scheme cannot sign it (a body it must sign that is streamed, stored
     * credentials it cannot use), the caller then having its problem and nothing having been sent.
     */
    private HttpRequest headOrFail() {
        try {
            return head();
        } catch (RuntimeException e) {
            fail(ProxyProblems.of(e), ProxyProblems.retryAfter(e));
            return null;
        }
    }

    /**
     * The scheme's authentication for this very request: it sees the method, the URL, the headers and, when it signs
     * bodies and this one is held whole, the body (a streamed one is signed without it).
     */
    private void sign(HttpRequest head) {
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        head.headers().forEach(h -> sent.putIfAbsent(h.getKey(), h.getValue()));
        Optional<byte[]> whole = target.signsBody() && replayable
                ? Optional.of(body == null ? new byte[0] : io.netty.buffer.ByteBufUtil.getBytes(body)) : Optional.empty();
        URI base = target.baseUrl();
        ProxyTarget.Authentication authentication = target.authenticate(request.method().name(),
                URI.create(base.getScheme() + "://" + base.getRawAuthority() + requestTarget), sent, whole);
        authentication.headers().forEach(head.headers()::set);
        head.setUri(ProxyCall.withQuery(requestTarget, authentication.queryParameters()));
    }

    private void sendWhole() {
        Channel provider = lease.channel();
        startProviderCall();
        HttpRequest head = headOrFail();
        if (head == null) {
            return;
        }
        provider.write(head);
        provider.writeAndFlush(body == null ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultLastHttpContent(body.retainedDuplicate()));
        activity.sent();
        requestSent = true;
        watch();
    }

    private void sendPiece(HttpContent content) {
        Channel provider = lease.channel();
        lastActivity = System.nanoTime();
        if (content instanceof LastHttpContent) {
            provider.writeAndFlush(content);
            activity.sent();
            requestSent = true;
        } else {
            provider.write(content);
        }
        if (!provider.isWritable()) {
            paused = true;
        }
    }

    void providerWritabilityChanged() {
        if (paused && lease != null && lease.channel().isWritable()) {
            paused = false;
            client.readMore();
        }
    }

    // --- the provider's answer ---

    void fromProvider(Object msg) {
        lastActivity = System.nanoTime();
        if (msg instanceof HttpResponse response) {
            providerResponse = response;
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                discarding = true; // 100 Continue and friends: the final answer follows
            } else if (response.status().code() == 401 && replayable && !replayed) {
                discarding = true;
                replayAfterDiscard = true;
                if (providerSpan != null) {
                    providerSpan.setAttribute("http.response.status_code", 401);
                }
            } else if ((retryAfterDiscard = retryWait(response).orElse(null)) != null) {
                discarding = true;
                if (providerSpan != null) {
                    providerSpan.setAttribute("http.response.status_code", response.status().code());
                }
            } else {
                answer(response);
            }
        }
        if (!(msg instanceof HttpContent content)) {
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (discarding) {
            content.release();
            if (last) {
                discarding = false;
                if (replayAfterDiscard) {
                    replay();
                } else if (retryAfterDiscard != null) {
                    retryLimited(retryAfterDiscard);
                }
            }
            return;
        }
        if (!answerStarted) {
            content.release();
            return;
        }
        activity.received(content.content().readableBytes());
        lastWrite = ctx.write(content);
        if (last) {
            ctx.flush();
            finish(requestSent && HttpUtil.isKeepAlive(providerResponse));
        } else if (!ctx.channel().isWritable()) {
            awaitClient();
        }
    }

    void providerReadComplete() {
        if (answerStarted && !done) {
            ctx.flush();
        }
    }

    private void answer(HttpResponse response) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
        HttpHeaders headers = head.headers();
        Set<String> named = connectionNamed(response.headers());
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey();
            if (!DROPPED_RESPONSE.contains(name) && !named.contains(name)) {
                headers.add(name, header.getValue());
            }
        }
        headers.set(RESULT_HEADER, target.connectionId().toString());
        if (retried > 0) {
            headers.set(RETRIED_HEADER, String.valueOf(retried));
        }
        String providerRequestId = headers.get(RequestId.HEADER);
        if (providerRequestId != null && !providerRequestId.equals(activity.requestId)) {
            headers.set("X-Provider-Request-Id", providerRequestId); // the provider's own id, kept for its support
        }
        headers.set(RequestId.HEADER, activity.requestId);
        int status = response.status().code();
        activity.answered(status);
        if (providerSpan != null) {
            providerSpan.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                providerSpan.setStatus(StatusCode.ERROR);
            }
        }
        boolean bodiless = request.method().equals(HttpMethod.HEAD) || status == 204 || status == 304;
        if (!bodiless && !HttpUtil.isContentLengthSet(response)) {
            if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                closeClient = true; // an HTTP/1.0 caller: the end of the body is the end of the connection
                closeDelimited = true;
            }
        }
        keepOrClose(head);
        answerStarted = true;
        ctx.write(head);
    }

    /**
     * When the caller opted in ({@code X-Latchkey-Retries}), an idempotent request held whole whose answer the
     * connector's {@code rate_limit} calls a limit is sent again after the wait the provider signalled, while the
     * retries left and the caller's total wait ({@code X-Latchkey-Retry-Max-Wait}) allow; else the answer passes.
     */
    private Optional<Duration> retryWait(HttpResponse response) {
        if (retried >= call.retries() || !IDEMPOTENT.contains(request.method()) || !replayable || !requestRead) {
            return Optional.empty();
        }
        HttpHeaders headers = response.headers();
        java.util.function.Function<String, Optional<String>> header = name -> Optional.ofNullable(headers.get(name));
        if (!target.rateLimit().limited(response.status().code(), header, Optional.empty())) {
            return Optional.empty();
        }
        Duration wait = target.rateLimit().waitAt(header, java.time.Instant.now()).orElse(UNSIGNALLED_WAIT);
        if (retryWaitedNanos + wait.toNanos() > call.maxWait().toNanos()) {
            return Optional.empty(); // longer than the caller would wait: the provider's answer, at once
        }
        return Optional.of(wait);
    }

    /** Sends a limited request again after {@code wait}, on the event loop's timer: no thread waits. */
    private void retryLimited(Duration wait) {
        endProviderCall(null);
        retryAfterDiscard = null;
        retried++;
        retryWaitedNanos += wait.toNanos();
        releaseLease(HttpUtil.isKeepAlive(providerResponse));
        requestSent = false;
        stopWatching();
        ctx.executor().schedule(() -> {
            if (!done) {
                connect(false);
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void replay() {
        endProviderCall(null);
        replayed = true;
        releaseLease(HttpUtil.isKeepAlive(providerResponse));
        requestSent = false;
        replayAfterDiscard = false;
        stopWatching();
        // The token the provider refused travels with the replay: it is refreshed only if it is still the stored one.
        prepare(Optional.of(target));
    }

    void providerFailed(Throwable cause) {
        if (done || lease == null) {
            return;
        }
        boolean reused = lease.reused();
        releaseLease(false);
        stopWatching();
        endProviderCall("provider_unreachable");
        if (!answerStarted && !discarding && reused && replayable && !resent) {
            // A pooled connection the provider closed meanwhile: the request never reached it; send it once more.
            resent = true;
            requestSent = false;
            connect(true);
        } else if (answerStarted) {
            abort();
        } else {
            fail(ProxyProblems.unreachable());
        }
    }

    // --- the provider's silence, the caller's backpressure ---

    /**
     * The caller is not taking the answer as fast as the provider sends it: stop reading from the provider
     * until the caller's connection drains. The provider's silence is not timed meanwhile (it cannot be
     * heard while it is not read from); the caller's stall is, by the write timeout.
     */
    private void awaitClient() {
        lease.channel().config().setAutoRead(false);
        if (!awaitingClient) {
            awaitingClient = true;
            awaitingClientSince = System.nanoTime();
        }
    }

    private void watch() {
        lastActivity = System.nanoTime();
        if (timer == null) {
            timer = ctx.executor().schedule(this::checkSilence, server.settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void checkSilence() {
        timer = null;
        if (done || lease == null) {
            return;
        }
        long now = System.nanoTime();
        if (awaitingClient) {
            // A slow caller is not a silent provider: only one whose connection stays full for the write timeout is cut.
            long stalled = now - awaitingClientSince;
            long limit = server.settings.writeTimeout().toNanos();
            if (stalled < limit) {
                timer = ctx.executor().schedule(this::checkSilence, limit - stalled, TimeUnit.NANOSECONDS);
                return;
            }
            releaseLease(false);
            abort();
            return;
        }
        long silent = now - lastActivity;
        long limit = server.settings.readTimeout().toNanos();
        if (silent < limit) {
            timer = ctx.executor().schedule(this::checkSilence, limit - silent, TimeUnit.NANOSECONDS);
            return;
        }
        releaseLease(false);
        if (answerStarted) {
            abort();
        } else {
            fail(ProxyProblems.timeout());
        }
    }

    private void stopWatching() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    // --- ending ---

    private void fail(Problem problem) {
        fail(problem, Optional.empty());
    }

    /** @param retryAfter when the caller should try again, for a problem that says so ({@code Retry-After}) */
    private void fail(Problem problem, Optional<Duration> retryAfter) {
        if (done) {
            return;
        }
        if (answerStarted) {
            abort();
            return;
        }
        FullHttpResponse response = server.problems.render(problem, retryAfter, ctx.alloc());
        response.headers().set(RequestId.HEADER, activity.requestId);
        activity.failed(problem);
        if (!requestRead && (!replayable || HttpUtil.is100ContinueExpected(request))) {
            // A large body would still be on its way, or the caller may never send the body it asked to send:
            // either way the connection cannot carry another request.
            closeClient = true;
        }
        keepOrClose(response);
        answerStarted = true;
        lastWrite = ctx.writeAndFlush(response);
        finish(false);
    }

    /**
     * Ends an answer that has begun but cannot be completed: the caller's connection is closed so that the
     * caller sees the body cut (short of its Content-Length, or without its last chunk) and never takes it
     * for whole. An answer that ends where the connection ends is cut with a reset instead of a clean close.
     */
    private void abort() {
        closeClient = true;
        lastWrite = null;
        finish(false);
        if (closeDelimited) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ctx.close();
    }

    private void keepOrClose(HttpResponse response) {
        if (!keepAlive || server.drain.draining()) {
            closeClient = true;
        }
        if (closeClient) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!request.protocolVersion().isKeepAliveDefault()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    private void finish(boolean providerReusable) {
        if (done) {
            return;
        }
        done = true;
        activity.record(server.activity, bodyBytes, replayed, retried);
        endSpans();
        stopWatching();
        releaseLease(providerReusable);
        if (body != null) {
            body.release();
            body = null;
        }
        for (HttpContent content; (content = early.poll()) != null; ) {
            content.release();
        }
        if (closeClient && lastWrite != null) {
            lastWrite.addListener(ChannelFutureListener.CLOSE);
        }
        client.answered(this);
    }

    private void releaseLease(boolean reusable) {
        if (lease == null) {
            return;
        }
        ProviderConnections.Lease released = lease;
        lease = null;
        released.handler().detach();
        if (reusable) {
            server.connections.release(released);
        } else {
            released.channel().close();
        }
    }

    // --- helpers ---

    /** Runs a blocking step off the event loop, then goes on on it (unless the exchange ended meanwhile). */
    private <T> void offload(Callable<T> step, Consumer<T> then) {
        server.blocking.execute(() -> {
            T result;
            // What the step logs (a failed refresh, an unexpected error) names this request and its caller.
            try (LogContext ignored = LogContext.open(activity.requestId, workspace)) {
                try {
                    result = span == null ? step.call() : traced(step);
                } catch (Exception | Error e) {
                    Problem problem = ProxyProblems.of(e);
                    ctx.executor().execute(() -> fail(problem, ProxyProblems.retryAfter(e)));
                    return;
                }
            }
            ctx.executor().execute(() -> {
                if (!done) {
                    then.accept(result);
                }
            });
        });
    }

    // --- traces ---

    /** A call to the provider begins: its span, a child of the exchange's (a replay or a resend is another call). */
    private void startProviderCall() {
        if (span != null) {
            endProviderCall(null);
            providerSpan = server.tracing.startClient("provider call", span);
            providerSpan.setAttribute("http.request.method", request.method().name());
            providerSpan.setAttribute("server.address", target.baseUrl().getHost());
            providerSpan.setAttribute("latchkey.trace_propagated", target.propagateTrace());
        }
    }

    /** @param problem why the call failed, if it did (a problem code, never the provider's words) */
    private void endProviderCall(String problem) {
        if (providerSpan != null) {
            if (problem != null) {
                providerSpan.setStatus(StatusCode.ERROR, problem);
            }
            providerSpan.end();
            providerSpan = null;
        }
    }

    private void endSpans() {
        if (span == null) {
            return;
        }
        endProviderCall(null);
        int status = activity.status();
        if (status > 0) {
            span.setAttribute("http.response.status_code", status);
        }
        if (status >= 500 || status == 0) {
            span.setStatus(StatusCode.ERROR);
        }
        activity.problemCode().ifPresent(code -> span.setAttribute("latchkey.problem_code", code));
        span.end();
    }

    /**
     * A blocking step in the exchange's trace: what it does (a refresh) is a child of the exchange's span, and
     * its log lines name the trace and the request.
     */
    private <T> T traced(Callable<T> step) throws Exception {
        try (Scope ignored = Context.root().with(span).makeCurrent()) {
            MDC.put(WebTracing.MDC_KEY, span.getSpanContext().getTraceId());
            return step.call();
        } finally {
            MDC.remove(WebTracing.MDC_KEY);
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** Headers the Connection header names as hop-by-hop. */
    private static Set<String> connectionNamed(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return Set.of();
        }
        Set<String> named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String token : connection.split(",")) {
            named.add(token.strip());
        }
        return named;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
