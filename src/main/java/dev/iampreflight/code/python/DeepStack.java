package dev.iampreflight.code.python;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the value analysis on a thread of its own with a deep stack: tree-sitter trees of generated or deeply nested
 * code are deep, and the analysis must fail on its own budgets, never on the caller thread's stack size.
 */
final class DeepStack {

    /** The analysis thread's stack. */
    static final long SIZE = 512L << 20;

    private DeepStack() {
    }

    /** {@code work}'s result, computed on a new thread named {@code name}; what it throws is thrown here. */
    static <T> T call(String name, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name, SIZE);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() instanceof RuntimeException re) {
            throw re;
        } else if (failure.get() instanceof Error err) {
            throw err;
        } else if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }
}
