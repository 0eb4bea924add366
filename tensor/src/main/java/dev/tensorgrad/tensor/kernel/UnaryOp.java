package dev.tensorgrad.tensor.kernel;

/**
 * Elementwise functions of one argument. {@link #apply} is the scalar definition, the reference
 * that the SIMD versions in {@link ElementwiseKernels} are tested against.
 */
public enum UnaryOp {
    NEG("neg") {
        public double apply(double x) { return -x; }
    },
    EXP("exp") {
        public double apply(double x) { return Math.exp(x); }
    },
    LOG("log") {
        public double apply(double x) { return Math.log(x); }
    },
    SQRT("sqrt") {
        public double apply(double x) { return Math.sqrt(x); }
    },
    ABS("abs") {
        public double apply(double x) { return Math.abs(x); }
    },
    TANH("tanh") {
        public double apply(double x) { return Math.tanh(x); }
    },
    /** 1 / (1 + e^-x), written so that neither branch overflows. */
    SIGMOID("sigmoid") {
        public double apply(double x) {
            if (x >= 0) {
                return 1.0 / (1.0 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1.0 + e);
        }
    },
    RELU("relu") {
        public double apply(double x) { return x > 0 ? x : (x == x ? 0.0 : x); }
    },
    SIGN("sign") {
        public double apply(double x) { return Math.signum(x); }
    };

    private final String opName;

    UnaryOp(String opName) {
        this.opName = opName;
    }

    /** The scalar definition of this function. */
    public abstract double apply(double x);

    /** The name used in error messages and graph exports. */
    public String opName() {
        return opName;
    }
}
