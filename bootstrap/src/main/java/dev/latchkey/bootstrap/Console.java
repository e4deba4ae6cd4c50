package dev.latchkey.bootstrap;

import jakarta.inject.Singleton;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The operator's terminal, for the one message that must not go to the log: the first API key.
 * Everything else is logged.
 */
@Singleton
public class Console {
    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    public PrintStream out() {
        return out;
    }
}
