package dev.latchkey.adapters.web.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Where a connect flow sends the customer back: the company's return URL with the outcome in its query. */
public final class ReturnUrl {
    private ReturnUrl() {
    }

    /** The URL with the parameters added to its query (before any fragment), URL-encoded. */
    public static String withParams(String url, Map<String, String> params) {
        StringBuilder out = new StringBuilder(url);
        int hash = url.indexOf('#');
        String fragment = hash >= 0 ? url.substring(hash) : "";
        if (hash >= 0) {
            out.setLength(hash);
        }
        char separator = out.indexOf("?") >= 0 ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            out.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out + fragment;
    }
}
