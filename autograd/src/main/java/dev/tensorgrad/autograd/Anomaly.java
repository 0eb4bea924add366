package dev.tensorgrad.autograd;

import dev.tensorgrad.tensor.Tensor;

/**
 * Anomaly mode, for hunting the op that first turns numbers into NaN or infinity. While on, every
 * op remembers where in user code it was created, and the first forward or backward result that
 * contains NaN/Inf throws an {@link ArithmeticException} naming the op and that place.
 * It costs a scan of every result, so it is off by default.
 */
public final class Anomaly {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> false);
    private static final String ENGINE_PACKAGE = "dev.tensorgrad.autograd.";

    private Anomaly() {
    }

    /** Turns anomaly mode on for this thread until the scope closes: {@code try (var a = Anomaly.detect()) {...}}. */
    public static AutoCloseable detect() {
        boolean previous = ENABLED.get();
        ENABLED.set(true);
        return new Graph.Scope(() -> ENABLED.set(previous));
    }

    /** Whether anomaly mode is on in this thread. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    static void checkForward(String op, Tensor output) {
        if (isEnabled() && !allFinite(output)) {
            throw new ArithmeticException("anomaly: forward of '" + op + "' produced NaN or Inf, at "
                    + callerOutsideEngine());
        }
    }

    static void checkBackward(Node node, int inputIndex, Tensor grad) {
        if (isEnabled() && !allFinite(grad)) {
            throw new ArithmeticException("anomaly: backward of '" + node.op() + "' produced NaN or Inf in the gradient"
                    + " of input " + inputIndex + "; the op was created at " + node.createdAt());
        }
    }

    private static boolean allFinite(Tensor t) {
        for (double v : t.toDoubleArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The first stack frame outside the autograd engine: the user's line that created the op. */
    static StackTraceElement callerOutsideEngine() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (!frame.getClassName().startsWith(ENGINE_PACKAGE)) {
                return frame;
            }
        }
        return null;
    }
}
