package dev.tensorgrad.tensor;

/**
 * The element type of a tensor. FLOAT32 is the default for training; FLOAT64 is what gradient
 * checks and the linear-algebra experiments use, because finite differences need the extra digits.
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    private final String displayName;
    private final int byteSize;

    DType(String displayName, int byteSize) {
        this.displayName = displayName;
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Rounds a double to the precision of this type (a no-op for FLOAT64). */
    public double round(double value) {
        return this == FLOAT32 ? (float) value : value;
    }

    /** The lower-case name NumPy and PyTorch print, e.g. {@code float32}. */
    @Override
    public String toString() {
        return displayName;
    }
}
