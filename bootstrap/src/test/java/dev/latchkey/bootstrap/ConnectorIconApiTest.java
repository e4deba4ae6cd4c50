package dev.latchkey.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connector's icon is served by Latchkey (nothing hot-linked, no broken image): the catalog's icon_url
 * points at it, it answers a strict, script-free SVG, and the portal's img shows it.
 */
@MicronautTest(transactional = false)
class ConnectorIconApiTest extends ApiTest {
    private static final String PUBLIC_URL = "https://latchkey.example";
    private String key;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("latchkey.public-url", PUBLIC_URL);
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @BeforeAll
    void workspace() {
        key = newWorkspaceKey();
    }

    @Test
    void every_connector_in_the_catalog_points_at_an_icon_latchkey_serves_as_a_strict_svg() {
        Reply catalog = get("/v1/connectors", key);
        assertThat(catalog.status()).as(catalog.text()).isEqualTo(200);
        List<Map<String, Object>> connectors = catalog.list("data");
        assertThat(connectors).hasSizeGreaterThanOrEqualTo(25);

        List<String> problems = new ArrayList<>();
        for (Map<String, Object> connector : connectors) {
            String slug = (String) connector.get("slug");
            String path = "/connectors/" + slug + "/icon.svg";
            if (!(PUBLIC_URL + path).equals(connector.get("icon_url"))) {
                problems.add(slug + ": icon_url is " + connector.get("icon_url"));
                continue;
            }
            Reply icon = call(HttpRequest.GET(path));
            if (icon.status() != 200) {
                problems.add(slug + ": " + icon.status());
                continue;
            }
            assertStrictSvg(slug, icon);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_icon_is_the_slugs_initials_and_the_same_slug_always_gets_the_same_icon() {
        Reply first = call(HttpRequest.GET("/connectors/help-scout/icon.svg"));
        Reply again = call(HttpRequest.GET("/connectors/help-scout/icon.svg"));
        Reply other = call(HttpRequest.GET("/connectors/hubspot/icon.svg"));

        assertThat(text(parse(first.text()))).isEqualTo("HS");
        assertThat(text(parse(other.text()))).isEqualTo("H");
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(fill(parse(other.text()))).isNotEqualTo(fill(parse(first.text())));
    }

    @Test
    void a_malformed_slug_is_a_problem_naming_the_slug_not_an_image() {
        Reply reply = call(HttpRequest.GET("/connectors/Not_A_Slug/icon.svg"));

        assertProblem(reply, 400, "validation_failed");
        assertThat(reply.errorFields()).containsExactly("slug");
    }

    @Test
    void a_private_connector_keeps_the_icon_it_names_and_one_without_gets_the_served_one() {
        String workspace = newWorkspaceKey();
        assertThat(post("/v1/connectors", privateConnector("acme-own-icon", "https://cdn.acme.example/icon.svg"), workspace).status())
                .isEqualTo(201);
        assertThat(post("/v1/connectors", privateConnector("acme-no-icon", null), workspace).status()).isEqualTo(201);

        assertThat(get("/v1/connectors/acme-own-icon", workspace).get("icon_url")).isEqualTo("https://cdn.acme.example/icon.svg");
        assertThat(get("/v1/connectors/acme-no-icon", workspace).get("icon_url"))
                .isEqualTo(PUBLIC_URL + "/connectors/acme-no-icon/icon.svg");
    }

    @Test
    void the_portal_shows_the_served_icon_and_the_apps_api_gives_its_absolute_url() {
        String account = "icon-cust";
        assertThat(post("/v1/linked-accounts", Map.of("id", account), key).status()).isEqualTo(201);
        String url = (String) post("/v1/connect-links", Map.of("linked_account_id", account, "connectors", List.of("stripe")), key)
                .get("url");
        String cookie = call(HttpRequest.GET(url.substring(PUBLIC_URL.length()))).headers().get("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));

        Reply list = call(HttpRequest.GET("/portal").header("Cookie", session));
        Reply page = call(HttpRequest.GET("/portal/apps/stripe").header("Cookie", session));

        assertThat(list.text()).containsPattern("<img [^>]*src=\"/connectors/stripe/icon\\.svg\"");
        assertThat(page.text()).containsPattern("<img [^>]*src=\"/connectors/stripe/icon\\.svg\"");
        String token = (String) post("/v1/session-tokens", Map.of("linked_account_id", account), key).get("token");
        assertThat(get("/v1/apps/stripe", token).get("icon_url")).isEqualTo(PUBLIC_URL + "/connectors/stripe/icon.svg");
    }

    private static Map<String, Object> privateConnector(String slug, String iconUrl) {
        Map<String, Object> definition = new HashMap<>(Map.of("slug", slug, "name", "Acme", "categories", List.of("crm"),
                "docs_url", "https://acme.example/docs", "api", Map.of("base_url", "https://api.acme.example"),
                "auth", List.of(Map.of("type", "api_key", "name", "X-Api-Key",
                        "fields", List.of(Map.of("name", "api_key", "label", "API key", "secret", true))))));
        if (iconUrl != null) {
            definition.put("icon_url", iconUrl);
        }
        return definition;
    }

    /** An image that cannot run anything: SVG content type, a sandboxing CSP, cacheable, and no script, handler or link inside. */
    private static void assertStrictSvg(String slug, Reply icon) {
        assertThat(icon.contentType()).as(slug).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(icon.headers().get("Content-Security-Policy")).as(slug).contains("default-src 'none'").contains("sandbox");
        assertThat(icon.headers().get("Cache-Control")).as(slug).startsWith("public");
        assertThat(icon.headers().get("X-Content-Type-Options")).as(slug).isEqualTo("nosniff");
        Document svg = parse(icon.text());
        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).as(slug).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).as(slug).isEqualTo("http://www.w3.org/2000/svg");
        NodeList all = svg.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            assertThat(element.getLocalName()).as(slug).isIn("svg", "rect", "text");
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Node attribute = attributes.item(a);
                assertThat(attribute.getNodeName()).as(slug).doesNotStartWithIgnoringCase("on").doesNotContain("href");
            }
        }
        assertThat(text(svg)).as(slug).matches("[A-Z0-9]{1,2}");
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed SVG: " + svg, e);
        }
    }

    private static String text(Document svg) {
        return svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").item(0).getTextContent();
    }

    private static String fill(Document svg) {
        return ((Element) svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0)).getAttribute("fill");
    }
}
