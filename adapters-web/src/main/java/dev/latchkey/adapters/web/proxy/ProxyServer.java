package dev.latchkey.adapters.web.proxy;

import dev.latchkey.adapters.web.request.WebTracing;
import dev.latchkey.adapters.web.security.AuthFailureThrottle;
import dev.latchkey.adapters.web.security.ClientAddresses;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Named;
import dev.latchkey.application.port.in.RecordActivityUseCase;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;

/**
 * Serves {@code /v1/proxy/**} inside Micronaut's Netty server, in front of its router: every HTTP/1.1
 * connection gets a {@link ProxyConnectionHandler} that takes proxied requests itself and hands every
 * other request on unchanged. The proxy is Latchkey's hot path; here it costs no routing, no filter
 * chain and no reactive pipeline, and a proxied exchange stays on one event loop from the caller to the
 * provider and back. Holds what exchanges need, and tells the {@link ConnectionDrain} of every listener.
 */
@Singleton
final class ProxyServer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    final AuthenticateApiKeyUseCase apiKeys;
    final PrepareProxyRequestUseCase prepare;
    final ProviderConnections connections;
    final ProxyProblems problems;
    final ProxySettings settings;
    final ExecutorService blocking;
    final ConnectionDrain drain;
    final AuthFailureThrottle throttle;
    final ClientAddresses clientAddresses;
    final RecordActivityUseCase activity;
    final WebTracing tracing;

    ProxyServer(AuthenticateApiKeyUseCase apiKeys, PrepareProxyRequestUseCase prepare, ProviderConnections connections,
                ProxyProblems problems, ProxySettings settings, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                ConnectionDrain drain, AuthFailureThrottle throttle, ClientAddresses clientAddresses, RecordActivityUseCase activity,
                WebTracing tracing) {
        this.activity = activity;
        this.tracing = tracing;
        this.apiKeys = apiKeys;
        this.prepare = prepare;
        this.connections = connections;
        this.problems = problems;
        this.settings = settings;
        this.blocking = blocking;
        this.drain = drain;
        this.throttle = throttle;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Installer(null));
        return event.getBean();
    }

    /** Adds the proxy's handler to each HTTP/1.1 connection, just before Micronaut's own. */
    private final class Installer implements NettyServerCustomizer {
        private final Channel channel;

        private Installer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            if (role == ChannelRole.LISTENER) {
                drain.listening(channel);
            }
            return new Installer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "latchkey-proxy",
                        new ProxyConnectionHandler(ProxyServer.this));
            }
        }
    }
}
