package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.proxy.ConnectionDrain;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What a stop (SIGTERM) does before the context closes, so a deploy cuts nothing. At once: {@code /health}
 * answers 503 (load balancers take the instance out), every answer says {@code Connection: close}, and
 * the background workers claim nothing more. For the drain delay ({@code latchkey.shutdown.drain-delay},
 * 5 s) new connections are still served: a load balancer, or Kubernetes removing the pod from its
 * endpoints, only stops sending some time after the signal. Then the listener closes, idle connections
 * close, and requests under way (API calls and proxied exchanges, both directions) run to their end.
 * The grace ({@code latchkey.shutdown.grace-period}, 30 s, counted from the signal) bounds it all: what
 * is still open then is closed. {@link Application} closes the context and the embedded PostgreSQL after.
 */
@Singleton
public class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ConnectionDrain connections;
    private final BackgroundWork work;
    private final Duration drainDelay;
    private final Duration grace;
    private volatile boolean draining;

    public GracefulShutdown(ConnectionDrain connections, BackgroundWork work,
                            @Value("${latchkey.shutdown.drain-delay:5s}") Duration drainDelay,
                            @Value("${latchkey.shutdown.grace-period:30s}") Duration grace) {
        this.connections = connections;
        this.work = work;
        this.drainDelay = drainDelay.compareTo(grace) > 0 ? grace : drainDelay;
        this.grace = grace;
    }

    /** Whether a stop has begun: {@code /health} then answers 503. */
    public boolean draining() {
        return draining;
    }

    /** Drains connections and background work, within the grace; returns once nothing runs any more. */
    public void drain() {
        long deadline = System.nanoTime() + grace.toNanos();
        draining = true;
        connections.startDraining();
        work.stop();
        LOG.info("Stopping: /health answers 503; connections are still served for {} s, requests under way have {} s to finish",
                drainDelay.toSeconds(), grace.toSeconds());
        try {
            Thread.sleep(drainDelay);
            connections.stopAccepting();
            int open = connections.awaitClosed(left(deadline));
            if (open > 0) {
                LOG.warn("The shutdown grace of {} s is over: closing {} connections still busy", grace.toSeconds(), open);
                connections.closeAll();
            }
            int running = work.awaitIdle(left(deadline));
            if (running > 0) {
                LOG.warn("The shutdown grace of {} s is over: {} background runs are still going and will fail", grace.toSeconds(), running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connections.closeAll();
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
