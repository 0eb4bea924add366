package dev.tensorgrad.tensor.kernel;

/**
 * Elementwise functions of two arguments. Comparisons return 1.0 for true and 0.0 for false, so a
 * comparison result is a mask of the same dtype that can be multiplied with other tensors.
 */
public enum BinaryOp {
    ADD("add") {
        public double apply(double a, double b) { return a + b; }
    },
    SUB("sub") {
        public double apply(double a, double b) { return a - b; }
    },
    MUL("mul") {
        public double apply(double a, double b) { return a * b; }
    },
    DIV("div") {
        public double apply(double a, double b) { return a / b; }
    },
    POW("pow") {
        public double apply(double a, double b) { return Math.pow(a, b); }
    },
    /** Like NumPy's maximum: NaN in either operand propagates. */
    MAXIMUM("maximum") {
        public double apply(double a, double b) { return Math.max(a, b); }
    },
    MINIMUM("minimum") {
        public double apply(double a, double b) { return Math.min(a, b); }
    },
    EQ("eq") {
        public double apply(double a, double b) { return a == b ? 1 : 0; }
    },
    NE("ne") {
        public double apply(double a, double b) { return a != b ? 1 : 0; }
    },
    LT("lt") {
        public double apply(double a, double b) { return a < b ? 1 : 0; }
    },
    LE("le") {
        public double apply(double a, double b) { return a <= b ? 1 : 0; }
    },
    GT("gt") {
        public double apply(double a, double b) { return a > b ? 1 : 0; }
    },
    GE("ge") {
        public double apply(double a, double b) { return a >= b ? 1 : 0; }
    };

    private final String opName;

    BinaryOp(String opName) {
        this.opName = opName;
    }

    /** The scalar definition of this function. */
    public abstract double apply(double a, double b);

    /** The name used in error messages and graph exports. */
    public String opName() {
        return opName;
    }
}
