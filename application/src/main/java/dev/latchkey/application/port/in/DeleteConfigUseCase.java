package dev.latchkey.application.port.in;

public interface DeleteConfigUseCase {
    /** Forgets the config's values (also of removed fields); nothing to delete is fine. */
    void delete(ConfigQuery query);
}
