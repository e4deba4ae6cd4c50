package dev.latchkey.adapters.persistence.portal;

import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.connector.ConnectorSlug;
import dev.latchkey.domain.portal.PortalScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A link's or session's scope as a jsonb column: {"connectors", "config_id", "return_url", "branding"}. */
final class PortalScopeJson {
    private PortalScopeJson() {
    }

    static String write(JsonColumns json, PortalScope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connectors", scope.connectors().stream().map(ConnectorSlug::value).toList());
        scope.configId().ifPresent(id -> out.put("config_id", id));
        scope.returnUrl().ifPresent(url -> out.put("return_url", url));
        out.put("branding", scope.branding().toFields());
        return json.object(out);
    }

    @SuppressWarnings("unchecked")
    static PortalScope read(JsonColumns json, String text) {
        Map<String, Object> in = json.object(text);
        List<ConnectorSlug> connectors = ((List<String>) in.getOrDefault("connectors", List.of())).stream().map(ConnectorSlug::new).toList();
        Branding branding = Branding.parseStored((Map<String, Object>) in.getOrDefault("branding", Map.of()), "branding.");
        return new PortalScope(connectors, Optional.ofNullable((String) in.get("config_id")), Optional.ofNullable((String) in.get("return_url")),
                branding);
    }
}
