package dev.latchkey.adapters.persistence.crypto;

import dev.latchkey.adapters.persistence.crypto.CredentialCipher.AssociatedData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SECRET = "sk_live_very_secret".getBytes(StandardCharsets.UTF_8);

    private final String k1 = EncryptionKeys.generateEntry("k1", RANDOM);
    private final String k2 = EncryptionKeys.generateEntry("k2", RANDOM);
    private final CredentialCipher cipher = new CredentialCipher(EncryptionKeys.of(k1));
    private final UUID workspace = UUID.randomUUID();
    private final AssociatedData row = AssociatedData.connection(workspace, UUID.randomUUID());

    @Test
    void a_secret_decrypts_for_the_row_it_was_encrypted_for() {
        Sealed sealed = cipher.encrypt(SECRET, row);
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.ciphertext()).hasSize(12 + SECRET.length + 16);
        assertThat(cipher.decrypt(sealed, row)).isEqualTo(SECRET);
    }

    @Test
    void each_encryption_uses_a_fresh_nonce() {
        Sealed first = cipher.encrypt(SECRET, row);
        Sealed second = cipher.encrypt(SECRET, row);
        assertThat(Arrays.copyOf(first.ciphertext(), 12)).isNotEqualTo(Arrays.copyOf(second.ciphertext(), 12));
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void a_secret_does_not_decrypt_for_another_row_workspace_or_table() {
        Sealed sealed = cipher.encrypt(SECRET, row);
        UUID connection = UUID.fromString(row.rowId());
        assertThatThrownBy(() -> cipher.decrypt(sealed, AssociatedData.connection(workspace, UUID.randomUUID())))
                .isInstanceOf(CredentialDecryptionException.class).hasMessageContaining("another row");
        assertThatThrownBy(() -> cipher.decrypt(sealed, AssociatedData.connection(UUID.randomUUID(), connection)))
                .isInstanceOf(CredentialDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, AssociatedData.clientSecret(workspace, connection.toString())))
                .isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void an_altered_ciphertext_does_not_decrypt() {
        byte[] bytes = cipher.encrypt(SECRET, row).ciphertext();
        bytes[20] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(new Sealed("k1", bytes), row)).isInstanceOf(CredentialDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt(new Sealed("k1", new byte[5]), row)).isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void an_unknown_key_id_fails_with_a_message_that_names_the_id_and_no_secret() {
        Sealed sealed = new CredentialCipher(EncryptionKeys.of(k2)).encrypt(SECRET, row);
        assertThatThrownBy(() -> cipher.decrypt(sealed, row))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessageContaining("'k2'").hasMessageContaining("latchkey.encryption-keys")
                .message().doesNotContain("sk_live").doesNotContain(k2.substring(3));
    }

    @Test
    void a_key_id_that_names_another_key_now_fails() {
        Sealed sealed = cipher.encrypt(SECRET, row);
        CredentialCipher other = new CredentialCipher(EncryptionKeys.of(EncryptionKeys.generateEntry("k1", RANDOM)));
        assertThatThrownBy(() -> other.decrypt(sealed, row)).isInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void after_rotation_old_secrets_still_decrypt_and_new_ones_use_the_new_key() {
        Sealed old = cipher.encrypt(SECRET, row);
        CredentialCipher rotated = new CredentialCipher(EncryptionKeys.of(k2 + "," + k1));
        assertThat(rotated.decrypt(old, row)).isEqualTo(SECRET);
        assertThat(rotated.encrypt(SECRET, row).keyId()).isEqualTo("k2");
        assertThat(rotated.isCurrent("k1")).isFalse();
    }
}
