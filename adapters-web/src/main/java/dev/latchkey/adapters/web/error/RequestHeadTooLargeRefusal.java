package dev.latchkey.adapters.web.error;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request whose request line or headers are over the server's limits
 * ({@code micronaut.server.netty.max-initial-line-length}, {@code max-header-size}) with
 * {@code 414 uri_too_long} or {@code 431 headers_too_large} as problem+json, with {@code Connection: close},
 * and closes the connection.
 *
 * <p>Netty's decoder cannot read such a request (it discards the rest of the connection's bytes), and
 * Micronaut would answer it {@code 413}, as if the body were too large, in HTTP/1.0 form, without saying
 * that it closes: a client then sends its next request on a connection no one reads. This handler sits
 * right after the HTTP codec of every connection, so it sees such a request before the proxy's handler
 * and before Micronaut's, and any other request passes by untouched.
 */
@Singleton
final class RequestHeadTooLargeRefusal implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    static final String HANDLER = "latchkey-request-head-too-large";
    /** How long a refused connection is still read from, at most, before it is closed. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final byte[] uriTooLong;
    private final byte[] headersTooLarge;

    RequestHeadTooLargeRefusal(JsonMapper json) {
        this.uriTooLong = write(json, Problems.of(HttpStatus.REQUEST_URI_TOO_LONG, "uri_too_long",
                "The request line (method, path and query) is longer than this server accepts; send a shorter URL."));
        this.headersTooLarge = write(json, Problems.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
                "The request's headers are larger than this server accepts; send fewer or shorter headers."));
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Installer(null));
        return event.getBean();
    }

    private static byte[] write(JsonMapper json, Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Installer implements NettyServerCustomizer {
        private final Channel channel;

        private Installer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Installer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(HANDLER) == null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Refusal());
            }
        }
    }

    /** One connection's: after a refusal, whatever else the decoder hands on is dropped until the close. */
    private final class Refusal extends ChannelInboundHandlerAdapter {
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused && msg instanceof HttpObject) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                byte[] body = cause instanceof TooLongHttpLineException ? uriTooLong
                        : cause instanceof TooLongHttpHeaderException ? headersTooLarge : null;
                if (body != null) {
                    refused = true;
                    ReferenceCountUtil.release(msg);
                    HttpResponseStatus status = cause instanceof TooLongHttpLineException
                            ? HttpResponseStatus.REQUEST_URI_TOO_LONG : HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                    ctx.writeAndFlush(response(ctx, status, body)).addListener(written -> lingerThenClose(ctx));
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        /**
         * Closes our side after the answer, but reads (and drops) what the client still sends for a while
         * before closing the socket: closing it with unread bytes in flight (the rest of a large request)
         * would reset the connection, and the client could lose the answer before reading it.
         */
        private void lingerThenClose(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> {
                    ctx.close();
                }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                ctx.close();
            }
        }

        private FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, ctx.alloc().buffer(body.length).writeBytes(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            // As on every answer of Latchkey's own (SecurityHeadersFilter does it for the rest).
            response.headers().set("X-Content-Type-Options", "nosniff");
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            return response;
        }
    }
}
