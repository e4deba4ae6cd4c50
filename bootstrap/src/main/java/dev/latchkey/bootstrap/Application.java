package dev.latchkey.bootstrap;

import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Latchkey: checks the settings, prepares the database, then the HTTP service. */
public final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) {
        try {
            Micronaut.build(args)
                    .mainClass(Application.class)
                    .properties(new RuntimeSettings(System.getenv()).prepare())
                    .start();
        } catch (RuntimeSettings.InvalidSettingsException e) {
            LOG.error(e.getMessage());
            Runtime.getRuntime().exit(2);
        }
    }
}
