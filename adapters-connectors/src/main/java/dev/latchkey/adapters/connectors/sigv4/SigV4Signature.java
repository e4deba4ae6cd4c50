package dev.latchkey.adapters.connectors.sigv4;

import java.util.Map;

/**
 * A signed request's result.
 *
 * @param headers          what to set on the request, in this order: {@code Authorization}, {@code X-Amz-Date},
 *                         {@code X-Amz-Security-Token} (with temporary credentials) and {@code x-amz-content-sha256}
 *                         (when the options send it)
 * @param signature        the hex HMAC-SHA256 of the string to sign
 * @param signedHeaders    the lowercase header names covered, {@code ;}-separated
 * @param payloadHash      the payload hash signed: lowercase hex SHA-256 or {@code UNSIGNED-PAYLOAD}
 * @param canonicalRequest what was signed (it holds the session token: never log it)
 * @param stringToSign     the algorithm, time, scope and hash of the canonical request
 */
public record SigV4Signature(Map<String, String> headers, String signature, String signedHeaders, String payloadHash,
                             String canonicalRequest, String stringToSign) {
    public SigV4Signature {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    public String authorization() {
        return headers.get(SigV4Signer.AUTHORIZATION);
    }

    @Override
    public String toString() {
        return "SigV4Signature[signedHeaders=" + signedHeaders + ", payloadHash=" + payloadHash + "]";
    }
}
