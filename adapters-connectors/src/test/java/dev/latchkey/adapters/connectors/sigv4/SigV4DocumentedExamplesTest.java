package dev.latchkey.adapters.connectors.sigv4;

import dev.latchkey.adapters.connectors.sigv4.SigV4Request.Payload;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked examples of AWS's documentation, reproduced to the signature:
 * IAM ListUsers (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, the example
 * of the former https://docs.aws.amazon.com/general/latest/gr/sigv4-create-canonical-request.html) and the
 * four S3 examples of https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * (access key AKIAIOSFODNN7EXAMPLE, secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, 20130524T000000Z).
 */
class SigV4DocumentedExamplesTest {
    private static final SigV4Credentials S3_DOCS = SigV4Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final SigV4Options S3 = SigV4Options.of("us-east-1", "s3");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void iam_list_users_signs_as_the_iam_guide_shows() {
        SigV4Request request = SigV4Request.of("GET", URI.create("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), Payload.EMPTY);

        SigV4Signature signed = SigV4Signer.sign(request, SigV4Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                SigV4Options.of("us-east-1", "iam"), Instant.parse("2015-08-30T12:36:00Z"));

        assertThat(signed.canonicalRequest()).isEqualTo("""
                GET
                /
                Action=ListUsers&Version=2010-05-08
                content-type:application/x-www-form-urlencoded; charset=utf-8
                host:iam.amazonaws.com
                x-amz-date:20150830T123600Z

                content-type;host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(signed.stringToSign()).endsWith("\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(signed.authorization()).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void s3_get_object_with_a_range_signs_the_empty_payload_hash_and_sends_it() {
        SigV4Request request = SigV4Request.of("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                Map.of("Range", "bytes=0-9", "x-amz-content-sha256", "ignored: the signer writes its own"), Payload.EMPTY);
        // Range is not among the headers worth signing on a proxied request; the example signs it.
        request = new SigV4Request(request.method(), request.path(), request.query(),
                List.of(Map.entry("Host", "examplebucket.s3.amazonaws.com"), Map.entry("Range", "bytes=0-9")), request.payload());

        SigV4Signature signed = SigV4Signer.sign(request, S3_DOCS, S3, S3_TIME);

        assertThat(signed.stringToSign()).isEqualTo("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        assertThat(signed.signedHeaders()).isEqualTo("host;range;x-amz-content-sha256;x-amz-date");
        assertThat(signed.signature()).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(signed.headers()).containsExactly(
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
                Map.entry("X-Amz-Date", "20130524T000000Z"),
                Map.entry("x-amz-content-sha256", EMPTY_SHA256));
    }

    @Test
    void s3_put_object_hashes_the_body_and_encodes_the_key_once() {
        SigV4Request request = new SigV4Request("PUT", "/test$file.text", "", List.of(
                Map.entry("Host", "examplebucket.s3.amazonaws.com"),
                Map.entry("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                Map.entry("x-amz-storage-class", "REDUCED_REDUNDANCY")),
                Payload.of("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8)));

        SigV4Signature signed = SigV4Signer.sign(request, S3_DOCS, S3, S3_TIME);

        assertThat(signed.canonicalRequest()).startsWith("PUT\n/test%24file.text\n\n");
        assertThat(signed.payloadHash()).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(signed.stringToSign()).endsWith("\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
        assertThat(signed.signedHeaders()).isEqualTo("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
        assertThat(signed.signature()).isEqualTo("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
        // The key sent already percent-encoded signs the same: S3 encodes once.
        SigV4Request encoded = new SigV4Request("PUT", "/test%24file.text", "", request.headers(), request.payload());
        assertThat(SigV4Signer.sign(encoded, S3_DOCS, S3, S3_TIME).signature()).isEqualTo(signed.signature());
    }

    @Test
    void s3_get_bucket_lifecycle_signs_a_parameter_without_value_as_name_equals() {
        SigV4Request request = SigV4Request.of("GET", URI.create("https://examplebucket.s3.amazonaws.com/?lifecycle"), Map.of(), Payload.EMPTY);

        SigV4Signature signed = SigV4Signer.sign(request, S3_DOCS, S3, S3_TIME);

        assertThat(signed.canonicalRequest()).startsWith("GET\n/\nlifecycle=\n");
        assertThat(signed.signature()).isEqualTo("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    }

    @Test
    void s3_list_objects_sorts_the_query() {
        SigV4Request request = SigV4Request.of("GET", URI.create("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"), Map.of(), Payload.EMPTY);

        SigV4Signature signed = SigV4Signer.sign(request, S3_DOCS, S3, S3_TIME);

        assertThat(signed.canonicalRequest()).startsWith("GET\n/\nmax-keys=2&prefix=J\n");
        assertThat(signed.signature()).isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }
}
