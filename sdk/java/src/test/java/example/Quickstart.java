package example;

import dev.latchkey.client.ConnectLink;
import dev.latchkey.client.ConnectLinkRequest;
import dev.latchkey.client.Connection;
import dev.latchkey.client.Latchkey;
import dev.latchkey.client.ProxyResponse;
import dev.latchkey.client.SessionToken;

import java.time.Duration;
import java.util.Map;

/**
 * The quickstart of README.md and sdk/java/README.md: the lines between the markers are quoted there
 * word for word ({@code ReadmeExampleTest} checks it) and {@code LatchkeyClientIT} runs this against
 * the packaged latchkey.jar. Only the public API, from another package.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /** @return what the backend hands its frontend: the session token and the connect link */
    public static Object[] run(String latchkeyUrl, String apiKey) {
        // readme:start
        Latchkey latchkey = Latchkey.builder(latchkeyUrl, apiKey).build(); // the API key: from your backend only

        latchkey.linkedAccounts().upsert("cust-42", "Acme Inc", Map.of("plan", "pro")); // one per customer, under your id
        SessionToken session = latchkey.sessionTokens().mint("cust-42", Duration.ofMinutes(10)); // for @latchkey/js or <Connect>
        ConnectLink link = latchkey.connectLinks().create(ConnectLinkRequest.forAccount("cust-42")); // or the hosted portal

        for (Connection connection : latchkey.connections().list("cust-42")) { // the apps the customer connected
            try (ProxyResponse me = latchkey.proxy(connection.connector(), "cust-42").connection(connection.id()).get("/me")) {
                System.out.println(connection.connector() + " answered " + me.status() + ": " + me.bodyAsString());
            }
        }
        // readme:end
        return new Object[] {session, link};
    }
}
