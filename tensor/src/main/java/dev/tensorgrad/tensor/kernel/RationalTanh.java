package dev.tensorgrad.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh for FLOAT32 lanes as a ratio of two polynomials (the minimax approximation Eigen uses,
 * accurate to a few units in the last place). It is built only from operations IEEE 754 rounds
 * exactly (multiply-add, divide, min, max), so it gives the same bits in the interpreter and in
 * JIT-compiled code, unlike the Vector API's own TANH, and same seed still means same numbers.
 */
final class RationalTanh {
    /** The species every caller uses; a constant lets the JIT hoist the coefficient broadcasts out of the loop. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Beyond this |x|, tanh(x) rounds to +-1 in float. */
    private static final float CLAMP = 7.90531110763549805f;
    /** Below this |x|, tanh(x) = x to float precision. */
    private static final float TINY = 0.0004f;
    // Numerator p(x) = x (a1 + a3 x^2 + ... + a13 x^12), denominator q(x) = b0 + b2 x^2 + b4 x^4 + b6 x^6.
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private RationalTanh() {
    }

    /** tanh of each lane; {@code input} must be of {@link FloatVector#SPECIES_PREFERRED}. */
    static FloatVector tanh(FloatVector input) {
        FloatVector x = input.max(-CLAMP).min(CLAMP);
        FloatVector x2 = x.mul(x);
        FloatVector p = x2.fma(A13, A11);
        p = x2.fma(p, FloatVector.broadcast(F, A9));
        p = x2.fma(p, FloatVector.broadcast(F, A7));
        p = x2.fma(p, FloatVector.broadcast(F, A5));
        p = x2.fma(p, FloatVector.broadcast(F, A3));
        p = x2.fma(p, FloatVector.broadcast(F, A1));
        p = p.mul(x);
        FloatVector q = x2.fma(B6, B4);
        q = x2.fma(q, FloatVector.broadcast(F, B2));
        q = x2.fma(q, FloatVector.broadcast(F, B0));
        VectorMask<Float> tiny = input.abs().compare(VectorOperators.LT, TINY);
        return p.div(q).blend(input, tiny);
    }
}
