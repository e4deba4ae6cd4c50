package dev.latchkey.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Latchkey: checks the settings, prepares the database, then the HTTP service; and stops it in
 * an explicit order. Micronaut's own {@code Micronaut.start()} is not used because its shutdown hook
 * stops the server's event loops first (cutting every connection) while, in a hook of its own running
 * at the same time, the embedded PostgreSQL would stop under requests still running. Here one hook does
 * it all, in order: drain connections and background work ({@link GracefulShutdown}), close the
 * context (server, scheduler, data source), and stop the embedded PostgreSQL last.
 *
 * <p>A process stopped by SIGTERM exits with status 143 (128 + 15), as any JVM ended by that signal.
 */
public final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) {
        RuntimeSettings settings = new RuntimeSettings(System.getenv());
        ApplicationContext context = null;
        try {
            context = Micronaut.build(args)
                    .mainClass(Application.class)
                    .properties(settings.prepare())
                    .singletons(settings.embeddedPostgres().stream().toArray())
                    .build()
                    .start();
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeSettings.InvalidSettingsException e) {
            LOG.error(e.getMessage());
            stop(context, settings);
            Runtime.getRuntime().exit(2);
        } catch (RuntimeException e) {
            LOG.error("Latchkey could not start: {}", reason(e), e);
            stop(context, settings);
            Runtime.getRuntime().exit(1);
        }
        ApplicationContext running = context;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.getBean(GracefulShutdown.class).drain();
            } finally {
                stop(running, settings);
                stopped.countDown();
            }
        }, "latchkey-shutdown"));
        try {
            stopped.await(); // keeps the process alive until a stop has run its course
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What went wrong, in the words of what went wrong: the first cause that is not the dependency
     * injector's report of which beans it was making (a bad connector file, a refused connection), with
     * the whole chain left to the stack trace.
     */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getClass().getName().startsWith("io.micronaut.context.exceptions.") && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** The context (server, scheduler, data source), then the embedded PostgreSQL: nothing uses it any more. */
    private static void stop(ApplicationContext context, RuntimeSettings settings) {
        try {
            Optional.ofNullable(context).filter(ApplicationContext::isRunning).ifPresent(ApplicationContext::close);
        } catch (RuntimeException e) {
            LOG.warn("Closing the application context failed: {}", e.getMessage(), e);
        } finally {
            settings.embeddedPostgres().ifPresent(postgres -> postgres.close());
        }
    }
}
