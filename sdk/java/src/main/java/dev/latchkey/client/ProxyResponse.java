package dev.latchkey.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The provider's answer through the proxy, unchanged: its status, headers and body, streamed.
 * Close it (try-with-resources) when the body is not read to its end.
 */
public final class ProxyResponse implements AutoCloseable {
    static final String CONNECTION_HEADER = "X-Latchkey-Connection-Id";

    private final HttpResponse<InputStream> response;

    ProxyResponse(HttpResponse<InputStream> response) {
        this.response = response;
    }

    /** The provider's status. */
    public int status() {
        return response.statusCode();
    }

    /** The provider's headers (hop-by-hop ones removed) plus {@code X-Latchkey-Connection-Id}. */
    public HttpHeaders headers() {
        return response.headers();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The connection that signed the request. */
    public String connectionId() {
        return response.headers().firstValue(CONNECTION_HEADER).orElse(null);
    }

    /** The body as it arrives; read it once. */
    public InputStream body() {
        return response.body();
    }

    /** The whole body as bytes. */
    public byte[] bodyAsBytes() {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the provider's answer through Latchkey failed", e);
        }
    }

    /** The whole body as text, in the charset of its {@code Content-Type} (UTF-8 when it names none). */
    public String bodyAsString() {
        return new String(bodyAsBytes(), charset());
    }

    private Charset charset() {
        String type = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int at = type.indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + "charset=".length()).split(";")[0].trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "ProxyResponse[status=" + status() + ", connectionId=" + connectionId() + "]";
    }
}
