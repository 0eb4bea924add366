package dev.tensorgrad.experiments.spectral;

import dev.tensorgrad.experiments.spectral.KernelWidthSweep.Method;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelWidthSweepTest {

    private static final double[] GAMMAS = {2.0, 8.0};

    private static KernelWidthSweep smallSweep() {
        List<MoonsAndBlob> draws = List.of(MoonsAndBlob.generate(6, 1.0, new Rng(1)),
                MoonsAndBlob.generate(6, 1.0, new Rng(2)));
        return KernelWidthSweep.run(draws, GAMMAS, 3, 2, new Rng(3));
    }

    @Test
    void holdsOneCellPerGammaAndDraw() {
        KernelWidthSweep sweep = smallSweep();
        assertEquals(2, sweep.cells().length);
        assertEquals(2, sweep.cells()[0].length);
        assertEquals(1, sweep.indexOf(8.0));
    }

    @Test
    void meanAriIsThePlainAverageOverDraws() {
        KernelWidthSweep sweep = smallSweep();
        double[] expected = new double[GAMMAS.length];
        for (int g = 0; g < GAMMAS.length; g++) {
            expected[g] = (sweep.cells()[g][0].ariStochastic() + sweep.cells()[g][1].ariStochastic()) / 2;
        }
        assertArrayEquals(expected, sweep.meanAri(Method.STOCHASTIC), 1e-15);
    }

    @Test
    void separatedDrawsCountsCellsAtOrAboveTheThreshold() {
        KernelWidthSweep sweep = smallSweep();
        double threshold = sweep.cells()[0][0].ariSymNorm();
        int expected = 0;
        for (ClusteringComparison c : sweep.cells()[0]) {
            expected += c.ariSymNorm() >= threshold ? 1 : 0;
        }
        assertEquals(expected, sweep.separatedDraws(Method.SYM_NORM, threshold)[0]);
    }

    @Test
    void scalingTheDataBySIsMultiplyingGammaBySSquared() {
        // The same draws at radius 2 and radius 1: the adjacency at gamma equals the one at 4 * gamma.
        double[][] big = MoonsAndBlob.generate(10, 2.0, new Rng(5)).rows();
        double[][] unit = MoonsAndBlob.generate(10, 1.0, new Rng(5)).rows();
        Tensor a = AffinityGraph.adjacency(big, 7.5);
        Tensor b = AffinityGraph.adjacency(unit, 30.0);
        assertArrayEquals(b.toDoubleArray(), a.toDoubleArray(), 1e-12);
    }

    @Test
    void rejectsAnEmptyGrid() {
        List<MoonsAndBlob> draws = List.of(MoonsAndBlob.generate(3, 1.0, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> KernelWidthSweep.run(draws, new double[0], 3, 1, new Rng(1)));
    }

    @Test
    void indexOfFindsAGammaThatDiffersOnlyByRounding() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point, not 0.3.
        KernelWidthSweep sweep = new KernelWidthSweep(new double[] {0.1, 0.1 + 0.2}, new ClusteringComparison[2][0]);
        assertEquals(1, sweep.indexOf(0.3));
    }

    @Test
    void rejectsAGammaThatWasNotSwept() {
        assertThrows(IllegalArgumentException.class, () -> smallSweep().indexOf(7.5));
    }
}
