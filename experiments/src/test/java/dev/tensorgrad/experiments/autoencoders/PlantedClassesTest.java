package dev.tensorgrad.experiments.autoencoders;

import dev.tensorgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PlantedClassesTest {

    @Test
    void labelIsTheSignOfTheDirectionAlongTheInformativeDimensions() {
        Rng rng = new Rng(5);
        double[] w = PlantedClasses.direction(rng);
        PlantedClasses data = PlantedClasses.sample(200, w, rng);
        double[][] x = data.x().toDoubleMatrix();
        for (int i = 0; i < x.length; i++) {
            double score = 0;
            for (int j = 0; j < PlantedClasses.INFORMATIVE; j++) {
                score += w[j] * x[i][j];
            }
            assertEquals(score > 0 ? 1 : 0, data.labels()[i], "point " + i);
        }
    }

    @Test
    void informativeDimensionsHaveUnitVarianceAndTheRestTheNoiseVariance() {
        PlantedClasses data = PlantedClasses.generate(4000, new Rng(9));
        double[][] x = data.x().toDoubleMatrix();
        for (int j = 0; j < PlantedClasses.DIMS; j++) {
            double sumSq = 0;
            for (double[] row : x) {
                sumSq += row[j] * row[j];
            }
            double expected = j < PlantedClasses.INFORMATIVE ? 1 : PlantedClasses.NOISE_STD * PlantedClasses.NOISE_STD;
            assertEquals(expected, sumSq / x.length, 0.1 * expected, "variance of dimension " + j);
        }
    }

    @Test
    void sameSeedGivesTheSameData() {
        PlantedClasses a = PlantedClasses.generate(50, new Rng(1));
        PlantedClasses b = PlantedClasses.generate(50, new Rng(1));
        assertArrayEquals(a.x().toFloatArray(), b.x().toFloatArray());
        assertArrayEquals(a.labels(), b.labels());
    }
}
