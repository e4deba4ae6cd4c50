package dev.latchkey.adapters.connectors.jwtbearer;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.latchkey.domain.InvalidInputException;

import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON key file Google issues for a service account ({@code "type": "service_account"}), for a
 * customer who pastes the whole file instead of its parts: {@code client_email} is the assertion's
 * issuer, {@code private_key} signs it, {@code private_key_id} is its {@code kid}. The file's
 * {@code token_uri} is deliberately not used: the connector declares the token endpoint.
 *
 * @see <a href="https://cloud.google.com/iam/docs/keys-create-delete">Create and delete service account keys</a>
 * @see <a href="https://developers.google.com/identity/protocols/oauth2/service-account#httprest">Google: HTTP/REST</a>
 */
public record GoogleServiceAccountKey(String clientEmail, RSAPrivateKey privateKey, Optional<String> privateKeyId) {

    /** Reads the file's text; anything else is refused naming {@code field}, without quoting it. */
    public static GoogleServiceAccountKey parse(String json, String field) {
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(json == null ? "" : json.strip());
        } catch (ParseException | RuntimeException e) {
            throw InvalidInputException.of(field, "is not a JSON key file; paste the whole file Google downloaded (it starts with {\"type\": \"service_account\")");
        }
        if (!"service_account".equals(object.get("type"))) {
            throw InvalidInputException.of(field, "is not a service account key file (its \"type\" must be \"service_account\")");
        }
        if (!(object.get("client_email") instanceof String email) || email.isBlank()) {
            throw InvalidInputException.of(field, "has no client_email");
        }
        if (!(object.get("private_key") instanceof String pem)) {
            throw InvalidInputException.of(field, "has no private_key");
        }
        Optional<String> keyId = object.get("private_key_id") instanceof String id && !id.isBlank() ? Optional.of(id) : Optional.empty();
        return new GoogleServiceAccountKey(email, JwtBearerAssertions.privateKey(pem, field), keyId);
    }

    @Override
    public String toString() {
        return "GoogleServiceAccountKey[clientEmail=" + clientEmail + ", privateKey=***, privateKeyId=" + privateKeyId.map(k -> "***").orElse("none") + "]";
    }
}
