package dev.latchkey.adapters.web.proxy;

import io.netty.channel.Channel;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP/1.1 connection the server holds, so that a deploy cuts no request. Micronaut's own stop
 * closes every connection at once, and it does not know about proxied exchanges (they never reach its
 * router); this counts both, through the {@link ProxyConnectionHandler} each connection has.
 *
 * <p>A stop goes through three states. {@link #startDraining() Draining}: connections are still
 * accepted and served, but every response says {@code Connection: close} and its connection is closed
 * after it, so clients reconnect (to another instance, once the load balancer has noticed). Then
 * {@link #stopAccepting()}: the listening sockets close, idle connections close, and a busy one closes
 * as soon as its last answer is written. {@link #closeAll()} ends what is left when the grace is over.
 */
@Singleton
public final class ConnectionDrain {
    private enum State { SERVING, DRAINING, CLOSING }

    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    private final Set<ProxyConnectionHandler> connections = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();
    private volatile State state = State.SERVING;

    /** From now on every response carries {@code Connection: close} and ends its connection. */
    public void startDraining() {
        if (state == State.SERVING) {
            state = State.DRAINING;
        }
    }

    /** Closes the listening sockets and the idle connections; busy ones close once they have answered. */
    public void stopAccepting() {
        state = State.CLOSING;
        for (Channel listener : listeners) {
            listener.close();
        }
        for (ProxyConnectionHandler connection : connections) {
            connection.closeWhenIdle();
        }
    }

    /**
     * Waits until every connection has closed, at most {@code timeout}.
     *
     * @return how many connections are still open
     */
    public int awaitClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            for (long left = timeout.toNanos(); !connections.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
            return connections.size();
        }
    }

    /** Closes every connection still open, whatever it is doing; returns how many there were. */
    public int closeAll() {
        int open = connections.size();
        for (ProxyConnectionHandler connection : connections) {
            connection.closeNow();
        }
        return open;
    }

    /** Whether responses now end their connection. */
    boolean draining() {
        return state != State.SERVING;
    }

    /** Whether listeners are closed and an idle connection must close. */
    boolean closing() {
        return state == State.CLOSING;
    }

    void listening(Channel listener) {
        listeners.add(listener);
        if (closing()) {
            listener.close();
        }
    }

    void opened(ProxyConnectionHandler connection) {
        connections.add(connection);
        if (closing()) {
            connection.closeWhenIdle();
        }
    }

    void closed(ProxyConnectionHandler connection) {
        if (connections.remove(connection)) {
            synchronized (changed) {
                changed.notifyAll();
            }
        }
    }
}
