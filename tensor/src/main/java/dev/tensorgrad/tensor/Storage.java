package dev.tensorgrad.tensor;

/**
 * Flat memory behind one or more tensors: a {@code float[]} for FLOAT32 or a {@code double[]}
 * for FLOAT64. Views share a Storage; the version counter lets autograd notice that a value it
 * saved for backward was overwritten in place.
 */
public final class Storage {
    final DType dtype;
    final float[] floats;
    final double[] doubles;
    private int version;

    private Storage(DType dtype, float[] floats, double[] doubles) {
        this.dtype = dtype;
        this.floats = floats;
        this.doubles = doubles;
    }

    static Storage allocate(DType dtype, int size) {
        return dtype == DType.FLOAT32
                ? new Storage(dtype, new float[size], null)
                : new Storage(dtype, null, new double[size]);
    }

    static Storage wrap(float[] values) {
        return new Storage(DType.FLOAT32, values, null);
    }

    static Storage wrap(double[] values) {
        return new Storage(DType.FLOAT64, null, values);
    }

    /** Number of elements in the flat array. */
    public int size() {
        return floats != null ? floats.length : doubles.length;
    }

    double get(int position) {
        return floats != null ? floats[position] : doubles[position];
    }

    void set(int position, double value) {
        if (floats != null) {
            floats[position] = (float) value;
        } else {
            doubles[position] = value;
        }
    }

    /** Incremented by every in-place write; autograd compares it with the value it saw at save time. */
    public int version() {
        return version;
    }

    void bumpVersion() {
        version++;
    }
}
