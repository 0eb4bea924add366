package dev.tensorgrad.tensor;

/**
 * A seeded random number generator (SplitMix64). It is spelled out here rather than borrowed from
 * java.util so that the same seed gives the same numbers on every JDK, forever: experiments and
 * tests depend on it.
 */
public final class Rng {
    private long state;
    private double spareGaussian = Double.NaN;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** A new generator seeded from this one, for handing an independent stream to a component. */
    public Rng fork() {
        return new Rng(nextLong());
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Standard normal, by the Box-Muller transform (two draws per pair of uniforms). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
        double u2 = nextDouble();
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = radius * Math.sin(2 * Math.PI * u2);
        return radius * Math.cos(2 * Math.PI * u2);
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        // Accept bits below (2^64 - 1) - ((2^64 - 1) mod bound): a whole number of copies of [0, bound).
        long limit = Long.remainderUnsigned(-1L, bound);
        while (true) {
            long bits = nextLong();
            if (Long.compareUnsigned(bits, -1L - limit) < 0) {
                return (int) Long.remainderUnsigned(bits, bound);
            }
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
