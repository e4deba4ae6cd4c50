package dev.latchkey.application.service;

import dev.latchkey.application.fakes.CountingCredentialReencryption;
import dev.latchkey.application.port.in.RotateEncryptionKeyUseCase.RotationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RotateEncryptionKeyServiceTest {

    @Test
    void rotation_loops_over_batches_until_none_remain_and_reports_the_totals() {
        CountingCredentialReencryption reencryption = new CountingCredentialReencryption(250);

        RotationResult result = new RotateEncryptionKeyService(reencryption).rotate();

        assertThat(result).isEqualTo(new RotationResult(250, 0));
        assertThat(reencryption.batches()).containsExactly(100, 100, 50, 0);
        assertThat(reencryption.limits()).containsOnly(100);
    }

    @Test
    void rotation_with_nothing_under_an_old_key_makes_one_empty_pass() {
        CountingCredentialReencryption reencryption = new CountingCredentialReencryption(0);

        RotationResult result = new RotateEncryptionKeyService(reencryption).rotate();

        assertThat(result).isEqualTo(new RotationResult(0, 0));
        assertThat(reencryption.batches()).containsExactly(0);
    }

    @Test
    void a_full_last_batch_is_followed_by_one_that_finds_nothing() {
        CountingCredentialReencryption reencryption = new CountingCredentialReencryption(200);

        assertThat(new RotateEncryptionKeyService(reencryption).rotate()).isEqualTo(new RotationResult(200, 0));
        assertThat(reencryption.batches()).containsExactly(100, 100, 0);
    }

    @Test
    void rotating_again_after_a_rotation_has_nothing_to_do() {
        CountingCredentialReencryption reencryption = new CountingCredentialReencryption(3);
        RotateEncryptionKeyService service = new RotateEncryptionKeyService(reencryption);
        service.rotate();

        assertThat(service.rotate()).isEqualTo(new RotationResult(0, 0));
    }
}
