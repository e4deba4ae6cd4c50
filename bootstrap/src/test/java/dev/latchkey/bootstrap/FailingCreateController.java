package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.idempotency.Idempotent;
import dev.latchkey.adapters.web.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test only (in {@link IdempotencyApiTest}'s context alone): an idempotent create whose first run
 * fails with an unexpected error (a 500), as a create does when something breaks mid-way.
 */
@Controller("/v1/test-failing-creates")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = FailingCreateController.ENABLED, value = "true")
public class FailingCreateController {
    static final String ENABLED = "latchkey.test.failing-create";
    final AtomicInteger runs = new AtomicInteger();

    @Post
    @Idempotent
    public HttpResponse<Map<String, Object>> create(@Body @Nullable String body) {
        int run = runs.incrementAndGet();
        if (run == 1) {
            throw new IllegalStateException("the first run fails");
        }
        return HttpResponse.created(Map.of("run", run));
    }
}
