package dev.latchkey.adapters.connectors.oauth1;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth 1.0a signatures against published examples: RFC 5849 §1.2 (photos.example.net), §3.4.1
 * (the base string of the example.com request), §3.4.1.2 (base string URIs), §3.4.4 (PLAINTEXT), and
 * the "Hello Ladies + Gentlemen" request of Twitter's (now X's) "Creating a signature" guide
 * (https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature).
 */
class OAuth1SignatureTest {

    private static Map<String, String> oauth(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static String signatureOf(String header) {
        int start = header.indexOf("oauth_signature=\"") + "oauth_signature=\"".length();
        return java.net.URLDecoder.decode(header.substring(start, header.indexOf('"', start)), StandardCharsets.UTF_8);
    }

    @Test
    void the_base_string_of_rfc_5849_section_3_4_1_is_built_exactly() {
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuth1Auth.queryParameters(uri));
        parameters.addAll(OAuth1Auth.decodePairs("c2&a3=2+q"));
        parameters.addAll(oauth("oauth_consumer_key", "9djdj82h48djs9d2", "oauth_token", "kkk9d7dh3k39sjv7",
                "oauth_signature_method", "HMAC-SHA1", "oauth_timestamp", "137131201", "oauth_nonce", "7d8f3e4a",
                "oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw=", "realm", "Example").entrySet());

        assertThat(OAuth1Auth.baseString("POST", uri, parameters)).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2"
                + "%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26"
                + "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void base_string_uris_follow_rfc_5849_section_3_4_1_2() {
        assertThat(OAuth1Auth.baseUri(URI.create("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"))).isEqualTo("http://example.com/r%20v/X");
        assertThat(OAuth1Auth.baseUri(URI.create("https://www.example.net:8080/?q=1"))).isEqualTo("https://www.example.net:8080/");
    }

    @Test
    void the_temporary_credentials_request_of_rfc_5849_section_1_2_is_signed_as_published() {
        String header = OAuth1Auth.authorization("POST", URI.create("https://photos.example.net/initiate"),
                oauth("oauth_consumer_key", "dpf43f3p2l4k3l03", "oauth_timestamp", "137131200", "oauth_nonce", "wIjqoS",
                        "oauth_callback", "http://printer.example.com/ready"),
                List.of(), OAuth1Auth.Method.HMAC_SHA1, "kd94hf93k423kf44", "");

        assertThat(signatureOf(header)).isEqualTo("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
        assertThat(header).startsWith("OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\", ")
                .contains("oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\"", "oauth_signature_method=\"HMAC-SHA1\"");
    }

    @Test
    void the_token_request_of_rfc_5849_section_1_2_is_signed_as_published() {
        String header = OAuth1Auth.authorization("POST", URI.create("https://photos.example.net/token"),
                oauth("oauth_consumer_key", "dpf43f3p2l4k3l03", "oauth_token", "hh5s93j4hdidpola", "oauth_timestamp", "137131201",
                        "oauth_nonce", "walatlh", "oauth_verifier", "hfdp7dh39dks9884"),
                List.of(), OAuth1Auth.Method.HMAC_SHA1, "kd94hf93k423kf44", "hdhd0244k9j7ao03");

        assertThat(signatureOf(header)).isEqualTo("gKgrFCywp7rO0OXSjdot/IHF7IU=");
    }

    @Test
    void the_protected_resource_request_of_rfc_5849_section_1_2_is_signed_as_published() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        String header = OAuth1Auth.authorization("GET", uri,
                oauth("oauth_consumer_key", "dpf43f3p2l4k3l03", "oauth_token", "nnch734d00sl2jdk", "oauth_timestamp", "137131202",
                        "oauth_nonce", "chapoH"),
                OAuth1Auth.queryParameters(uri), OAuth1Auth.Method.HMAC_SHA1, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00");

        assertThat(signatureOf(header)).isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    @Test
    void the_hello_ladies_and_gentlemen_request_is_signed_as_published_query_and_form_body_included() {
        URI uri = URI.create("https://api.twitter.com/1/statuses/update.json?include_entities=true");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuth1Auth.queryParameters(uri));
        parameters.addAll(OAuth1Auth.decodePairs("status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21"));
        String header = OAuth1Auth.authorization("POST", uri,
                oauth("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog", "oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
                        "oauth_timestamp", "1318622958", "oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                        "oauth_version", "1.0"),
                parameters, OAuth1Auth.Method.HMAC_SHA1, "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

        assertThat(signatureOf(header)).isEqualTo("tnnArxj06cWHq44gCs1OSKk/jLY=");
    }

    @Test
    void values_are_percent_encoded_as_rfc_5849_section_3_6_says() {
        assertThat(OAuth1Auth.encode("Hello Ladies + Gentlemen, a signed OAuth request!"))
                .isEqualTo("Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21");
        assertThat(OAuth1Auth.encode("-._~azAZ09")).isEqualTo("-._~azAZ09");
        assertThat(OAuth1Auth.encode("\u2603*")).isEqualTo("%E2%98%83%2A");
    }

    @Test
    void plaintext_signs_with_the_encoded_secrets_as_rfc_5849_section_3_4_4_shows() {
        assertThat(OAuth1Auth.signature(OAuth1Auth.Method.PLAINTEXT, "ignored", "ja893SD9", "xyz4992k83j47x0b"))
                .isEqualTo("ja893SD9&xyz4992k83j47x0b");
    }

    @Test
    void rsa_sha1_signs_the_base_string_with_the_consumer_s_private_key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String base = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg";

        String signature = OAuth1Auth.signature(OAuth1Auth.Method.RSA_SHA1, base, pem, "ignored for RSA-SHA1");

        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(base.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
    }
}
