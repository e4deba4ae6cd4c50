package dev.latchkey.adapters.web.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * One per HTTP/1.1 connection, between Netty's HTTP codec and Micronaut: a proxied request becomes a
 * {@link ProxyExchange}; any other request goes on to Micronaut. Keeps answers in request order when a
 * client pipelines: a request that would overtake the answer before it waits here (and reading stops
 * until it can go on). Micronaut asks for reads with {@code autoRead} off; this handler holds those
 * requests back while an exchange cannot take more of its body (provider not ready or not writable).
 *
 * <p>Seeing every request and answer, it also knows when its connection is idle, which a graceful stop
 * needs ({@link ConnectionDrain}): while draining, Micronaut's answers get {@code Connection: close} here
 * (proxied ones in {@link ProxyExchange}) and the connection ends after them; once the server stops
 * accepting, the connection closes as soon as nothing is being answered on it.
 */
final class ProxyConnectionHandler extends ChannelDuplexHandler {
    private final ProxyServer server;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** The exchange whose answer is being made; the next request waits for it. */
    private ProxyExchange answering;
    /** The exchange whose request body is arriving (it may have answered already, then the rest is dropped). */
    private ProxyExchange receiving;
    /** Whether request content goes to Micronaut (the request it belongs to did). */
    private boolean contentToMicronaut = true;
    /** Requests given to Micronaut that it has not answered in full yet. */
    private int micronautPending;
    private boolean readHeld;
    /** A Micronaut answer said {@code Connection: close} because the server is draining: close after it. */
    private boolean closeAfterAnswer;

    ProxyConnectionHandler(ProxyServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        server.drain.opened(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!held.isEmpty() || mustWait(msg)) {
            held.add(msg);
            return;
        }
        route(msg);
    }

    private boolean mustWait(Object msg) {
        return msg instanceof HttpRequest request
                && (answering != null || (micronautPending > 0 && proxied(request)));
    }

    private static boolean proxied(HttpRequest request) {
        return request.decoderResult().isSuccess() && ProxyCall.isProxied(request.uri());
    }

    private void route(Object msg) {
        if (msg instanceof HttpRequest request) {
            if (proxied(request)) {
                contentToMicronaut = false;
                ProxyExchange exchange = new ProxyExchange(server, this, ctx, request);
                answering = exchange;
                receiving = exchange;
                exchange.start();
                return;
            }
            contentToMicronaut = true;
            micronautPending++;
        } else if (msg instanceof HttpContent content && !contentToMicronaut) {
            ProxyExchange exchange = receiving;
            if (content instanceof LastHttpContent) {
                receiving = null;
            }
            if (exchange != null) {
                exchange.body(content);
            } else {
                content.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (receiving != null) {
            receiving.clientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    /** A read asked for by Micronaut (or by an exchange through {@link #readMore}). */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (readsHeldBack()) {
            readHeld = true;
            return;
        }
        ctx.read();
    }

    /** Reading waits while requests wait here, or while the exchange receiving its body cannot take more. */
    private boolean readsHeldBack() {
        return !held.isEmpty() || (receiving != null && receiving.pausesReading());
    }

    /** The receiving exchange can take more of its body. */
    void readMore() {
        if (held.isEmpty()) {
            readHeld = false;
            ctx.read();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof HttpResponse response && !informational && server.drain.draining()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            closeAfterAnswer = true;
        }
        boolean answered = msg instanceof LastHttpContent && !informational;
        ctx.write(msg, promise);
        if (answered && closeAfterAnswer) {
            closeAfterWrites();
            return;
        }
        if (answered && micronautPending > 0) {
            micronautPending--;
            if (micronautPending == 0) {
                drain();
                closeIfStoppingAndIdle();
            }
        }
    }

    /** The exchange has answered in full. */
    void answered(ProxyExchange exchange) {
        if (answering == exchange) {
            answering = null;
            drain();
            closeIfStoppingAndIdle();
        }
    }

    /** The server stops accepting: close this connection once nothing is being answered on it. */
    void closeWhenIdle() {
        ctx.executor().execute(this::closeIfStoppingAndIdle);
    }

    /** The grace is over: close whatever is going on. */
    void closeNow() {
        ctx.channel().close();
    }

    private void closeIfStoppingAndIdle() {
        if (server.drain.closing() && answering == null && micronautPending == 0 && held.isEmpty() && ctx.channel().isActive()) {
            closeAfterWrites();
        }
    }

    /** Closes once everything written so far is on the wire (an empty buffer passes the HTTP encoder as is). */
    private void closeAfterWrites() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void drain() {
        while (!held.isEmpty() && !mustWait(held.peek())) {
            route(held.poll());
        }
        if (readHeld && !readsHeldBack()) {
            readHeld = false;
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (answering != null) {
            answering.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.drain.closed(this);
        releaseHeld();
        if (answering != null) {
            answering.clientClosed();
        }
        if (receiving != null && receiving != answering) {
            receiving.clientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        server.drain.closed(this);
        releaseHeld();
    }

    private void releaseHeld() {
        for (Object msg; (msg = held.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
    }
}
