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

    /**
     * The backing array of a FLOAT32 storage, shared, not copied: fused kernels (the RNN) read and
     * write it directly. Writing through it does not bump the version counter.
     *
     * @throws IllegalStateException if this storage holds FLOAT64 values
     */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("floats: storage holds " + dtype + " values");
        }
        return floats;
    }

    /**
     * The backing array of a FLOAT64 storage, shared, not copied (see {@link #floats()}).
     *
     * @throws IllegalStateException if this storage holds FLOAT32 values
     */
    public double[] doubles() {
        if (doubles == null) {
            throw new IllegalStateException("doubles: storage holds " + dtype + " values");
        }
        return doubles;
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
