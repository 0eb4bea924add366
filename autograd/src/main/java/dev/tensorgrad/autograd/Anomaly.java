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
    /**
     * The classes that record ops. Listed by name rather than by package so that user code (and
     * this module's own tests) living in {@code dev.tensorgrad.autograd} is still reported.
     */
    private static final java.util.Set<String> ENGINE_CLASSES = java.util.Set.of(
            "Anomaly", "Graph", "Node", "Variable", "SumToShape", "ElementwiseOps", "ReductionOps",
            "ShapeOps", "IndexOps", "MatmulOps", "CustomOp");
    private static final String ENGINE_PACKAGE = "dev.tensorgrad.autograd.";

    private Anomaly() {
    }

    /** Turns anomaly mode on for this thread until the scope closes: {@code try (var a = Anomaly.detect()) {...}}. */
    public static Graph.Scope detect() {
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
            String where = node.createdAt() != null
                    ? "the op was created at " + node.createdAt()
                    : "turn anomaly mode on before the forward pass to see where the op was created";
            throw new ArithmeticException("anomaly: backward of '" + node.op() + "' produced NaN or Inf in the gradient"
                    + " of input " + inputIndex + "; " + where);
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
            if (!isEngineFrame(frame.getClassName())) {
                return frame;
            }
        }
        return null;
    }

    private static boolean isEngineFrame(String className) {
        if (!className.startsWith(ENGINE_PACKAGE)) {
            return false;
        }
        String simple = className.substring(ENGINE_PACKAGE.length());
        int nested = simple.indexOf('$'); // lambdas and nested classes of an engine class
        return ENGINE_CLASSES.contains(nested < 0 ? simple : simple.substring(0, nested));
    }
}
