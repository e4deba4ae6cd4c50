package dev.latchkey.adapters.metrics;

import dev.latchkey.application.port.out.ActivityRecorderPort;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.connector.ConnectorSlug;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The activity stream as Prometheus counters and histograms: proxied requests by connector and
 * status class, refreshes by connector and outcome, webhook deliveries by outcome, and their
 * durations; for proxied calls also the provider's part of the time, by connector and the provider's
 * status class, so a slow provider and a slow Latchkey are told apart. Written once here, fed by every call site through RecordActivityService.
 *
 * <p>Labels stay bounded: no workspace, account or connection id ever becomes one. The connector
 * label is the slug only for connectors of the catalog (files shipped with Latchkey or in the
 * operator's LATCHKEY_CONNECTORS_DIR, a set the operator controls); a workspace's private connector,
 * which any API key can create, is {@code private}. Meters are made once per connector and cached, so
 * a request costs a map lookup and an array index, no tag building.
 */
public final class MicrometerActivityRecorder implements ActivityRecorderPort {
    static final String PRIVATE = "private";
    static final String NONE = "none";
    /** The problem code of a refresh the provider refused (invalid_grant and the like), as the refresh service records it. */
    static final String REFRESH_REJECTED = "refresh_rejected";
    /** Histogram buckets, in seconds, for every duration: a few per decade, from 5 ms to 30 s. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};
    /** Status classes by index: 0 for no status (the provider never answered, or background work had no caller), 1..5 for 1xx..5xx. */
    private static final String[] STATUS_CLASSES = {NONE, "1xx", "2xx", "3xx", "4xx", "5xx"};

    /** How a refresh ended: the provider granted, refused (4xx: the connection needs its customer), or failed (5xx, no answer). */
    enum RefreshOutcome { SUCCESS, REJECTED, FAILED }

    /** How a webhook delivery attempt ended: the endpoint answered 2xx, or it did not. */
    enum DeliveryOutcome { DELIVERED, FAILED }

    private final MeterRegistry registry;
    private final Predicate<ConnectorSlug> inCatalog;
    private final Map<String, ConnectorMeters> byConnector = new ConcurrentHashMap<>();
    private final Counter[] deliveries = new Counter[DeliveryOutcome.values().length];
    private final Timer deliveryDuration;

    /** @param inCatalog whether a slug names a connector of the catalog (bounded), not a workspace's private one */
    public MicrometerActivityRecorder(MeterRegistry registry, Predicate<ConnectorSlug> inCatalog) {
        this.registry = registry;
        this.inCatalog = inCatalog;
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            deliveries[outcome.ordinal()] = Counter.builder("latchkey.webhook.deliveries")
                    .description("Webhook delivery attempts, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        deliveryDuration = histogram("latchkey.webhook.delivery.duration", "Time a webhook endpoint took to answer a delivery attempt").register(registry);
    }

    @Override
    public void record(Activity activity) {
        switch (activity.kind()) {
            case PROXY -> meters(activity).proxied(activity);
            case REFRESH -> meters(activity).refreshed(activity);
            case WEBHOOK -> {
                deliveries[deliveryOutcome(activity).ordinal()].increment();
                deliveryDuration.record(activity.duration());
            }
        }
    }

    private ConnectorMeters meters(Activity activity) {
        String label = activity.connector().map(slug -> inCatalog.test(slug) ? slug.value() : PRIVATE).orElse(NONE);
        ConnectorMeters meters = byConnector.get(label);
        return meters != null ? meters : byConnector.computeIfAbsent(label, ConnectorMeters::new);
    }

    static int statusClass(OptionalInt status) {
        if (status.isEmpty()) {
            return 0;
        }
        int hundreds = status.getAsInt() / 100;
        return hundreds >= 1 && hundreds <= 5 ? hundreds : 0;
    }

    static RefreshOutcome refreshOutcome(Activity refresh) {
        if (refresh.problemCode().isEmpty() && refresh.error().isEmpty()
                && (refresh.providerStatus().isEmpty() || statusClass(refresh.providerStatus()) == 2)) {
            return RefreshOutcome.SUCCESS;
        }
        // The refresh service says "refresh_rejected" (the provider refused the grant) without the token endpoint's status.
        boolean rejected = refresh.problemCode().filter(REFRESH_REJECTED::equals).isPresent() || statusClass(refresh.providerStatus()) == 4;
        return rejected ? RefreshOutcome.REJECTED : RefreshOutcome.FAILED;
    }

    static DeliveryOutcome deliveryOutcome(Activity delivery) {
        return statusClass(delivery.providerStatus()) == 2 ? DeliveryOutcome.DELIVERED : DeliveryOutcome.FAILED;
    }

    private static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1]);
    }

    /** One connector's meters, made on its first record. */
    private final class ConnectorMeters {
        private final String connector;
        private final Counter[] proxied = new Counter[STATUS_CLASSES.length];
        private final Counter[] refreshes = new Counter[RefreshOutcome.values().length];
        private final Timer proxyDuration;
        private final Timer refreshDuration;
        /** By the provider's status class; made on a class's first answer (most connectors see two or three). */
        private final Timer[] providerDuration = new Timer[STATUS_CLASSES.length];

        ConnectorMeters(String connector) {
            this.connector = connector;
            for (int i = 0; i < STATUS_CLASSES.length; i++) {
                proxied[i] = Counter.builder("latchkey.proxy.requests")
                        .description("Requests through the signing proxy, by connector and the status class Latchkey answered (none: the caller went away)")
                        .tag("connector", connector).tag("status_class", STATUS_CLASSES[i]).register(registry);
            }
            for (RefreshOutcome outcome : RefreshOutcome.values()) {
                refreshes[outcome.ordinal()] = Counter.builder("latchkey.refreshes")
                        .description("Refresh attempts, by connector and outcome (rejected: the provider refused, the connection needs its customer)")
                        .tag("connector", connector).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
            }
            proxyDuration = histogram("latchkey.proxy.duration", "Time from a proxied request's arrival to the end of its answer, provider's time included")
                    .tag("connector", connector).register(registry);
            refreshDuration = histogram("latchkey.refresh.duration", "Time a refresh took, the provider's token endpoint included")
                    .tag("connector", connector).register(registry);
        }

        void proxied(Activity activity) {
            proxied[statusClass(activity.answeredStatus())].increment();
            proxyDuration.record(activity.duration());
            if (activity.providerDuration().isPresent()) {
                providerTimer(statusClass(activity.providerStatus())).record(activity.providerDuration().get());
            }
        }

        private Timer providerTimer(int statusClass) {
            Timer timer = providerDuration[statusClass];
            if (timer == null) {
                // Registering twice returns the same timer: a race here costs nothing.
                timer = histogram("latchkey.provider.duration",
                        "Time the provider took to answer a proxied request (request sent to answer's first byte), by the provider's status class")
                        .tag("connector", connector).tag("status_class", STATUS_CLASSES[statusClass]).register(registry);
                providerDuration[statusClass] = timer;
            }
            return timer;
        }

        void refreshed(Activity activity) {
            refreshes[refreshOutcome(activity).ordinal()].increment();
            refreshDuration.record(activity.duration());
        }

        @Override
        public String toString() {
            return connector;
        }
    }
}
