package dev.tensorgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tensorgrad.tensor.DType;
import dev.tensorgrad.tensor.Rng;
import dev.tensorgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code examples in README.md, run as written. Each example lives between README markers in
 * this file; a test checks that README.md shows exactly those lines, so the two cannot drift.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of("../README.md");
    private static final Path SELF = Path.of("src/test/java/dev/tensorgrad/autograd/ReadmeExamplesTest.java");

    @Test
    void firstLookRunsAndComputesWhatItsCommentsSay() {
        // README:begin
        Tensor x = Tensor.arange(0, 6, 1, DType.FLOAT32).reshape(2, 3);   // [[0, 1, 2], [3, 4, 5]]
        Tensor bias = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor shifted = x.add(bias);                // broadcasting: [2, 3] + [3] -> [2, 3]
        Tensor gram = x.matmul(x.t());               // x.t() is a view: nothing is copied
        System.out.println(shifted);
        System.out.println(gram);                    // [[5, 14], [14, 50]]
        System.out.println(x.sum(0));                // column sums: [3, 5, 7]
        System.out.println(x.softmax(1));            // each row sums to 1
        // README:end
        assertArrayEquals(new float[] {10, 21, 32, 13, 24, 35}, shifted.toFloatArray());
        assertArrayEquals(new float[] {5, 14, 14, 50}, gram.toFloatArray());
        assertArrayEquals(new float[] {3, 5, 7}, x.sum(0).toFloatArray());
        assertArrayEquals(new float[] {1, 1}, x.softmax(1).sum(1).toFloatArray(), 1e-6f);
    }

    @Test
    void gradientExampleBackpropagatesAndPassesGradCheck() {
        // README:begin
        Rng rng = new Rng(0);
        Variable x = Variable.constant(Tensor.randn(rng, DType.FLOAT64, 4, 3));
        Variable w = Variable.param(Tensor.randn(rng, DType.FLOAT64, 3, 2));
        Variable loss = x.matmul(w).tanh().pow(2).mean();
        loss.backward();                             // w.grad() now holds dLoss/dw, shape [3, 2]
        System.out.println(w.grad());
        GradCheck.assertGradients(v -> v[0].matmul(v[1]).tanh().pow(2).mean(), x.data(), w.data());
        // README:end
        assertArrayEquals(new int[] {3, 2}, w.grad().shape());
    }

    @Test
    void readmeShowsExactlyTheExamplesTestedHere() throws IOException {
        String readme = Files.readString(README);
        Matcher block = Pattern.compile("// README:begin\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL)
                .matcher(Files.readString(SELF));
        int examples = 0;
        while (block.find()) {
            String code = block.group(1).replaceAll("(?m)^ {8}", "");
            assertTrue(readme.contains(code), "README.md does not show this example as written:\n" + code);
            examples++;
        }
        assertEquals(2, examples);
    }
}
