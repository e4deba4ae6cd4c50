package dev.latchkey.adapters.connectors.support;

import dev.latchkey.domain.connection.ProviderException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** PEM RSA private keys, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}). */
public final class PrivateKeys {
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PrivateKeys() {
    }

    /**
     * The RSA private key in the PEM text. Anything else is REJECTED naming {@code field}; the
     * message never holds the text, and no parser exception (which might quote it) is attached.
     */
    public static RSAPrivateKey parse(String pem, String field) {
        // A key pasted through a one-line input often arrives with literal \n.
        String text = pem.contains("\\n") && !pem.contains("\n") ? pem.replace("\\n", "\n") : pem;
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(text.strip()))) {
            Object object = parser.readObject();
            if (object instanceof PEMKeyPair pair) {
                key = CONVERTER.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) {
                key = CONVERTER.getPrivateKey(info);
            } else {
                throw invalid(field);
            }
        } catch (IOException | RuntimeException e) {
            throw e instanceof ProviderException p ? p : invalid(field);
        }
        if (key instanceof RSAPrivateKey rsa) {
            return rsa;
        }
        throw invalid(field);
    }

    private static ProviderException invalid(String field) {
        return ProviderException.rejected("invalid_private_key", field
                + ": is not an unencrypted PEM RSA private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----);"
                + " paste the whole .pem file");
    }
}
