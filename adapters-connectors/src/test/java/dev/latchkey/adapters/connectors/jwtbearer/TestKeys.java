package dev.latchkey.adapters.connectors.jwtbearer;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** RSA key pairs for tests, and their PEM forms. */
final class TestKeys {
    private TestKeys() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} */
    static String pkcs1(KeyPair keys) {
        return pem(keys.getPrivate());
    }

    /** {@code -----BEGIN PRIVATE KEY-----}, the form of Google's JSON key files */
    static String pkcs8(KeyPair keys) {
        try {
            return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
