package dev.latchkey.adapters.web.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders a refused console page or action as the page saying why, in the signed-in user's layout when there is one. */
@Singleton
@Requires(beans = ConsoleSettings.class)
public class ConsoleRefusalHandler implements ExceptionHandler<ConsoleRefusedException, HttpResponse<?>> {
    private final ConsolePages pages;

    public ConsoleRefusalHandler(ConsolePages pages) {
        this.pages = pages;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConsoleRefusedException refused) {
        ConsoleSession session = ((HttpRequest<?>) request).getAttribute(ConsoleSessionFilter.ATTRIBUTE, ConsoleSession.class).orElse(null);
        return pages.render(refused.reason().status, ConsoleMessageView.of(refused.reason(), refused.detail()), session, null, request);
    }
}
