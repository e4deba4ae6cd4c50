package dev.latchkey.adapters.web.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Binds a console controller's {@link ConsoleSession} parameter to the session {@link ConsoleSessionFilter} found. */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleSessionBinder implements TypedRequestArgumentBinder<ConsoleSession> {
    @Override
    public Argument<ConsoleSession> argumentType() {
        return Argument.of(ConsoleSession.class);
    }

    @Override
    public BindingResult<ConsoleSession> bind(ArgumentConversionContext<ConsoleSession> context, HttpRequest<?> source) {
        Optional<ConsoleSession> session = source.getAttribute(ConsoleSessionFilter.ATTRIBUTE, ConsoleSession.class);
        return () -> session;
    }
}
