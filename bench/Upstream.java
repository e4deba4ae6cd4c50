import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's provider, on Netty (from latchkey.jar's classpath) so its own cost and tail stay
 * small and steady: GET /api/data answers a small JSON document at once; GET /api/slow answers it
 * after 20 ms, like a typical SaaS API; POST /token is an OAuth token endpoint that counts its calls
 * and answers after 200 ms (so a refresh storm overlaps); GET /stats tells the count. No thread
 * waits: delays are timers on the event loop.
 * Run with: java -cp bootstrap/target/latchkey.jar bench/Upstream.java PORT
 */
public final class Upstream {
    private static final byte[] DATA = "{\"id\": 42, \"name\": \"Acme\", \"items\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
    private static final AtomicInteger TOKEN_CALLS = new AtomicInteger();

    public static void main(String[] args) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        var group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                })
                .bind("127.0.0.1", Integer.parseInt(args[0])).sync().channel().closeFuture().sync();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = request.uri().split("\\?")[0];
            switch (path) {
                case "/api/data" -> answer(ctx, keepAlive, DATA);
                case "/api/slow" -> ctx.executor().schedule(() -> answer(ctx, keepAlive, DATA), 20, TimeUnit.MILLISECONDS);
                case "/token" -> {
                    int n = TOKEN_CALLS.incrementAndGet();
                    byte[] token = ("{\"access_token\": \"fresh-" + n + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600,"
                            + " \"refresh_token\": \"rt-" + n + "\"}").getBytes(StandardCharsets.UTF_8);
                    ctx.executor().schedule(() -> answer(ctx, keepAlive, token), 200, TimeUnit.MILLISECONDS);
                }
                case "/stats" -> answer(ctx, keepAlive, ("{\"token_calls\": " + TOKEN_CALLS.get() + "}").getBytes(StandardCharsets.UTF_8));
                default -> {
                    FullHttpResponse missing = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                    missing.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                    ctx.writeAndFlush(missing);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a load generator resetting its connections at the end of a run
        }

        private static void answer(ChannelHandlerContext ctx, boolean keepAlive, byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
