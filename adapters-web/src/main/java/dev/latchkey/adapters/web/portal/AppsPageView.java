package dev.latchkey.adapters.web.portal;

import java.util.List;
import java.util.Map;

/** The portal's first page: the session's apps, and the connected ones Done reports (comma-separated slugs). */
public record AppsPageView(List<AppSummaryView> apps, String connected) implements PageView {
    public AppsPageView {
        apps = List.copyOf(apps);
    }

    @Override
    public String template() {
        return "apps";
    }

    @Override
    public Map<String, Object> toModel() {
        return Map.of("apps", apps.stream().map(AppSummaryView::toModel).toList(), "connected", connected);
    }
}
