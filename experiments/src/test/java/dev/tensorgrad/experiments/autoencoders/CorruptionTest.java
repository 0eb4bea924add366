package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CorruptionTest {

    @Test
    void patchesHideTheSameNumberOfWholePatchesInEveryImage() {
        int side = 8;
        int patch = 2;
        float[] ones = new float[3 * side * side];
        Arrays.fill(ones, 1f);
        Tensor clean = Tensor.of(ones, 3, side * side);
        float[] masked = Corruption.patches(side, patch, 0.25).apply(clean, new Rng(7)).toFloatArray();
        for (int i = 0; i < 3; i++) {
            int hiddenPatches = 0;
            for (int pr = 0; pr < side / patch; pr++) {
                for (int pc = 0; pc < side / patch; pc++) {
                    int zeros = 0;
                    for (int r = pr * patch; r < (pr + 1) * patch; r++) {
                        for (int c = pc * patch; c < (pc + 1) * patch; c++) {
                            zeros += masked[i * side * side + r * side + c] == 0f ? 1 : 0;
                        }
                    }
                    assertEquals(0, zeros % (patch * patch), "a patch is hidden whole or not at all");
                    hiddenPatches += zeros / (patch * patch);
                }
            }
            assertEquals(4, hiddenPatches, "a quarter of the 16 patches of image " + i);
        }
        assertArrayEquals(ones, clean.toFloatArray(), "the clean batch is left untouched");
    }

    @Test
    void gaussianNoiseHasTheRequestedStandardDeviation() {
        Tensor clean = Tensor.zeros(100, 100);
        float[] noisy = Corruption.gaussian(0.5).apply(clean, new Rng(3)).toFloatArray();
        double sum = 0;
        double sumSq = 0;
        for (float v : noisy) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / noisy.length;
        assertEquals(0, mean, 0.02);
        assertEquals(0.5, Math.sqrt(sumSq / noisy.length - mean * mean), 0.02);
    }

    @Test
    void patchesRejectAPatchSizeThatDoesNotDivideTheImage() {
        assertThrows(IllegalArgumentException.class, () -> Corruption.patches(28, 5, 0.5));
    }
}
