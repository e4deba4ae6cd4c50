package dev.latchkey.adapters.web.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Promise;
import jakarta.inject.Singleton;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections to providers, pooled per event loop: a proxied exchange runs on the
 * event loop of the caller's connection, and so does its connection to the provider, so nothing is
 * handed between threads and the pool needs no lock. A connection is opened to one of the addresses the
 * outbound guard checked (never resolved again), verifies the provider's certificate for its host name,
 * and is closed after {@link ProxySettings#idleTimeout()} unused.
 */
@Singleton
final class ProviderConnections {
    /** Where a connection leads; connections are shared by every request to the same place. */
    record Destination(boolean tls, String host, int port) {
    }

    /** A connection for one exchange; {@code reused} when it served an earlier one (the provider may have closed it since). */
    record Lease(Destination destination, Channel channel, boolean reused) {
        ProviderChannelHandler handler() {
            return channel.pipeline().get(ProviderChannelHandler.class);
        }
    }

    private static final int MAX_IDLE_PER_DESTINATION = 256;

    private final FastThreadLocal<Map<Destination, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<Destination, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };
    private final ProxySettings settings;
    private final SslContext tls;

    ProviderConnections(ProxySettings settings) throws SSLException {
        this.settings = settings;
        this.tls = SslContextBuilder.forClient().build();
    }

    /** An idle connection to the destination, or a new one. Call on {@code loop}. */
    void acquire(EventLoop loop, Class<? extends Channel> type, Destination destination, List<InetAddress> addresses,
                 boolean fresh, Promise<Lease> promise) {
        ArrayDeque<Channel> channels = idle.get().get(destination);
        while (!fresh && channels != null && !channels.isEmpty()) {
            Channel channel = channels.pollLast();
            if (channel.isActive()) {
                promise.setSuccess(new Lease(destination, channel, true));
                return;
            }
        }
        connect(loop, type, destination, addresses, 0, promise);
    }

    /** Gives a connection back after an exchange that left it clean (response read whole, keep-alive). */
    void release(Lease lease) {
        Channel channel = lease.channel();
        channel.config().setAutoRead(true);
        if (!channel.isActive()) {
            return;
        }
        ArrayDeque<Channel> channels = idle.get().computeIfAbsent(lease.destination(), d -> new ArrayDeque<>());
        if (channels.size() >= MAX_IDLE_PER_DESTINATION) {
            channel.close();
            return;
        }
        channels.addLast(channel);
    }

    private void connect(EventLoop loop, Class<? extends Channel> type, Destination destination, List<InetAddress> addresses,
                         int attempt, Promise<Lease> promise) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (destination.tls()) {
                            pipeline.addLast(sslHandler(channel, destination));
                        }
                        pipeline.addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(64 * 1024), false, false));
                        pipeline.addLast(new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        pipeline.addLast(new ProviderChannelHandler());
                    }
                });
        ChannelFuture connecting = bootstrap.connect(new InetSocketAddress(addresses.get(attempt), destination.port()));
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                Channel channel = connecting.channel();
                channel.closeFuture().addListener(closed -> forget(destination, channel));
                promise.setSuccess(new Lease(destination, channel, false));
            } else if (attempt + 1 < addresses.size()) {
                connect(loop, type, destination, addresses, attempt + 1, promise);
            } else {
                promise.setFailure(done.cause());
            }
        });
    }

    private void forget(Destination destination, Channel channel) {
        ArrayDeque<Channel> channels = idle.get().get(destination);
        if (channels != null) {
            channels.remove(channel);
        }
    }

    private SslHandler sslHandler(Channel channel, Destination destination) {
        SslHandler handler = tls.newHandler(channel.alloc(), destination.host(), destination.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!destination.host().contains(":") && !Character.isDigit(destination.host().charAt(destination.host().length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(destination.host())));
        }
        engine.setSSLParameters(parameters);
        return handler;
    }
}
