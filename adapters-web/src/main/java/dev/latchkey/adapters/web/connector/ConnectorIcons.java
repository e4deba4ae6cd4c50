package dev.latchkey.adapters.web.connector;

import dev.latchkey.adapters.web.security.PublicUrl;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorSlug;

/**
 * Where a connector's icon is. A definition may name its own ({@code icon_url}: a workspace's private connector or an
 * operator's file); otherwise Latchkey serves a generated one at {@code /connectors/{slug}/icon.svg}
 * ({@link ConnectorIconController}), so a page never shows a broken image. The connector files shipped with Latchkey
 * name none: nothing is hot-linked.
 */
public final class ConnectorIcons {
    private ConnectorIcons() {
    }

    /** The path of the icon Latchkey serves for {@code slug}. */
    public static String path(ConnectorSlug slug) {
        return "/connectors/" + slug.value() + "/icon.svg";
    }

    /** An absolute URL, for API answers a page on another origin shows (the SDKs' connect UI). */
    public static String url(ConnectorDefinition definition, PublicUrl publicUrl) {
        return definition.iconUrl().orElseGet(() -> publicUrl.base() + path(definition.slug()));
    }

    /** For Latchkey's own pages (same origin). */
    public static String src(ConnectorDefinition definition) {
        return definition.iconUrl().orElseGet(() -> path(definition.slug()));
    }
}
