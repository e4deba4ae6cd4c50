package dev.latchkey.application.port.in;

public interface PurgeExpiredRevocationsUseCase {
    /** Forgets revocations of session tokens that have expired anyway; returns how many. */
    int purge();
}
