package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Test only (in {@link TracesApiTest}'s context alone): an endpoint that writes one log line on the
 * blocking executor, as a use case does, so the test can read what the line carries.
 */
@Controller("/v1/test-log-probe")
@Secured(Roles.API_KEY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = LogProbeController.ENABLED, value = "true")
public class LogProbeController {
    static final String ENABLED = "latchkey.test.log-probe";
    static final Logger LOG = LoggerFactory.getLogger(LogProbeController.class);

    @Get
    public Map<String, Object> probe() {
        LOG.info("probe");
        return Map.of("logged", true);
    }
}
