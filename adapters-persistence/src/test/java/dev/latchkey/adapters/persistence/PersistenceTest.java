package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.support.TestPostgres;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** Base of the persistence tests: a Micronaut context on a fresh, migrated PostgreSQL database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PersistenceTest implements TestPropertyProvider {
    @Override
    public Map<String, String> getProperties() {
        return TestPostgres.freshDatabaseProperties();
    }
}
