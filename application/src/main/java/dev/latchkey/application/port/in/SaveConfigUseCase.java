package dev.latchkey.application.port.in;

public interface SaveConfigUseCase {
    /**
     * Validates every value at once ({@link dev.latchkey.domain.config.InvalidConfigException}, nothing saved), saves, and
     * emits {@code config.updated} with the changed keys in the same transaction.
     */
    ConfigResult save(SaveConfigCommand command);
}
