package dev.latchkey.adapters.connectors.sigv4;

import java.util.Objects;

/**
 * Where a signature is valid (region and service, the credential scope) and the service's variant
 * of the rules. Use {@link #of(String, String)}: it knows the one service that differs, S3.
 *
 * @param normalizePath          remove {@code .}, {@code ..} and empty segments from the path before
 *                               signing (every service but S3, whose keys may hold them)
 * @param doubleEncodePath       URI-encode each path segment as it is sent, so a sent {@code %3A}
 *                               is signed as {@code %253A} (every service but S3, which encodes once)
 * @param contentSha256Header    send and sign {@code x-amz-content-sha256} with the payload hash (S3
 *                               requires it; other services accept it)
 * @param unsignedPayloadAllowed whether {@code UNSIGNED-PAYLOAD} may stand for the payload hash, so a
 *                               streamed body need not be read twice (S3 only)
 * @param signSessionToken       sign {@code X-Amz-Security-Token} (what AWS recommends); when false it is
 *                               added after signing, as a few older services want
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
 */
public record SigV4Options(String region, String service, boolean normalizePath, boolean doubleEncodePath,
                           boolean contentSha256Header, boolean unsignedPayloadAllowed, boolean signSessionToken) {
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";

    public SigV4Options {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        if (!region.matches(NAME)) {
            throw new IllegalArgumentException("region: must be an AWS region code such as us-east-1");
        }
        if (!service.matches(NAME)) {
            throw new IllegalArgumentException("service: must be an AWS signing name such as s3, ses or bedrock");
        }
    }

    /** The rules AWS documents for {@code service}: S3's own (no normalizing, single encoding, payload header), else the general ones. */
    public static SigV4Options of(String region, String service) {
        boolean s3 = "s3".equals(service);
        return new SigV4Options(region, service, !s3, !s3, s3, s3, true);
    }

    /** The same options, with the session token added after signing instead of signed. */
    public SigV4Options withUnsignedSessionToken() {
        return new SigV4Options(region, service, normalizePath, doubleEncodePath, contentSha256Header, unsignedPayloadAllowed, false);
    }

    /** The same options, sending (and signing) {@code x-amz-content-sha256} or not. */
    public SigV4Options withContentSha256Header(boolean send) {
        return new SigV4Options(region, service, normalizePath, doubleEncodePath, send, unsignedPayloadAllowed, signSessionToken);
    }
}
