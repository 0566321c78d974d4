package io.dqmonitor.stack;

import java.nio.file.Path;

/**
 * One embedded stack for all integration tests of a JVM: starting it takes seconds, so test classes share it and
 * measure what their own writes changed. It stops when the JVM exits.
 */
public final class SharedStack {

    private static EmbeddedStack stack;

    private SharedStack() {
    }

    public static synchronized EmbeddedStack get() {
        if (stack == null) {
            try {
                stack = EmbeddedStack.start(Path.of("target", "it-stack"), EmbeddedStack.StackPorts.random(),
                        line -> System.out.println("[stack] " + line));
            } catch (Exception e) {
                throw new IllegalStateException("the embedded stack did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-shutdown"));
        }
        return stack;
    }
}
