package dev.latchkey.adapters.persistence.outage;

import dev.latchkey.domain.DatabaseUnavailableException;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;

import java.util.Optional;

/**
 * Translates at the edge of the persistence adapters: whatever wrapper micronaut-data, the
 * transaction manager or {@code Jdbc} put around it, a failure to reach the database leaves an
 * adapter as a {@link DatabaseUnavailableException}, which every caller (controllers, security,
 * proxy) answers 503. Each call also tells {@link DatabaseOutage} whether the database answered.
 */
@InterceptorBean(TranslatesDatabaseFailures.class)
public class DatabaseFailureInterceptor implements MethodInterceptor<Object, Object> {
    private final DatabaseOutage outage;

    public DatabaseFailureInterceptor(DatabaseOutage outage) {
        this.outage = outage;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Object result;
        try {
            result = context.proceed();
        } catch (DatabaseUnavailableException e) {
            throw e; // translated by an adapter this one called
        } catch (RuntimeException e) {
            Optional<Throwable> unreachable = DatabaseFailures.connectionLevel(e);
            if (unreachable.isEmpty()) {
                throw e;
            }
            outage.failed(unreachable.get());
            throw new DatabaseUnavailableException("The database is unavailable: " + unreachable.get().getMessage(), e);
        }
        outage.succeeded();
        return result;
    }
}
