package dev.tensorgrad.experiments.seq2seq;

import dev.tensorgrad.autograd.Graph;
import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.experiments.Experiment;
import dev.tensorgrad.experiments.Progress;
import dev.tensorgrad.experiments.RunContext;
import dev.tensorgrad.experiments.names.LengthBuckets;
import dev.tensorgrad.experiments.plot.Plots;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.experiments.seq2seq.ToyTranslation.Pair;
import dev.tensorgrad.experiments.seq2seq.Translator.Decoding;
import dev.tensorgrad.nn.CrossEntropyLoss;
import dev.tensorgrad.nn.Module;
import dev.tensorgrad.nn.optim.Adam;
import dev.tensorgrad.nn.optim.GradClip;
import dev.tensorgrad.tensor.Rng;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Homework problem 7, machine translation with an RNN encoder-decoder: which tokens the decoder
 * reads during training (teacher forcing: the ground-truth previous word) and during generation
 * (its own previous output), shown on a toy Spanish-to-English task; and the "stacked vertically"
 * variant of 7(a), trained the same way, which cannot reorder words.
 */
public final class MachineTranslation implements Experiment {

    private static final List<String> EXAMPLE_SOURCE = List.of("yo", "veo", "un", "perro");
    private static final double HELD_OUT_FRACTION = 0.25;
    private static final int MAX_LENGTH = 10;
    private static final double CLIP = 5.0;
    /** The snapshot of a barely trained model, whose greedy decoding still makes mistakes. */
    private static final int EARLY_STEPS = 40;

    /** Sizes and training lengths: default or quick. */
    private record Config(int hidden, int epochs, int batchSize, double lr, int trainLimit) {
    }

    /** What training and evaluating one model produced. */
    private record Outcome(double[] loss, double tokenAccuracy, double sequenceAccuracy,
                           double sequenceAccuracyWithAdjective, double sequenceAccuracyWithout,
                           double greedyStepsFedBack, Decoding early, Decoding trained,
                           int[] teacherForcedPredictions) {
    }

    @Override
    public String name() {
        return "seq2seq";
    }

    @Override
    public String title() {
        return "Machine translation with an RNN encoder-decoder: teacher forcing vs greedy decoding (7)";
    }

    @Override
    public void run(RunContext ctx) throws IOException {
        Config cfg = ctx.quick() ? new Config(32, 3, 32, 0.01, 600) : new Config(128, 45, 32, 0.002, Integer.MAX_VALUE);
        Rng rng = new Rng(ctx.seed());
        ToyTranslation task = new ToyTranslation();
        List<Pair> all = task.allPairs();
        Pair example = all.stream().filter(p -> p.source().equals(EXAMPLE_SOURCE)).findFirst().orElseThrow();
        List<Pair> train = new ArrayList<>();
        List<Pair> heldOut = new ArrayList<>();
        int[] order = rng.permutation(all.size());
        int nHeldOut = (int) Math.round(HELD_OUT_FRACTION * all.size());
        for (int i = 0; i < order.length; i++) {
            Pair p = all.get(order[i]);
            // The homework's sentence is always held out, so the table shows a translation never trained on.
            (i < nHeldOut || p.equals(example) ? heldOut : train).add(p);
        }
        if (train.size() > cfg.trainLimit()) {
            train = train.subList(0, cfg.trainLimit());
        }

        Report report = ctx.report();
        report.question("""
                An encoder-decoder translates Spanish into English: a single-layer RNN encoder, a single-layer RNN \
                decoder whose first hidden state is the encoder's last hidden state, words as learned embeddings of \
                size H. (a) A teammate proposes stacking encoder and decoder vertically: at each timestep t the \
                encoder's h_t is passed as an input to timestep t of the decoder. State one problem with this design. \
                (b) The correct translation is "I see a dog", but the sampled translation was "I saw a dog". Which \
                five tokens are passed into the decoder during training for w_1, ..., w_5? (c) Which five tokens \
                are passed in at evaluation time, when a translation is generated?""");
        report.setup(String.format(Locale.ROOT, """
                **Task.** A toy language pair: source sentences `subject verb determiner noun [adjective]` over 5 \
                subjects, 6 verbs (including *veo* = see and *vi* = saw), 2 determiners, 8 nouns and 6 adjectives \
                (%d sentences in all), translated word by word with the adjective moved before the noun: \
                "yo veo un perro grande" -> "I see a big dog <eos>". %d sentences are held out (a seeded \
                permutation, seed %d, plus the homework's "yo veo un perro", which is always held out); the model \
                trains on %d.

                **Model** (`EncoderDecoder`). Source and target embeddings of size H = %d, one-layer tanh RNN \
                encoder and decoder (fused implementation), decoder state initialised with the encoder's last \
                hidden state, a linear layer to %d target tokens. Teacher forcing: the decoder reads \
                `<sos>` and the ground-truth target words and is trained with cross-entropy on every next token \
                (the words and `<eos>`). Minibatches of %d sentences of one source length; Adam, learning rate %s, \
                gradient norm clipped at %s, %d epochs. Greedy decoding feeds back the arg-max token until `<eos>` \
                (at most %d tokens).

                **7(a), measured** (`StackedEncoderDecoder`). The same parts, but the decoder starts from zero and \
                reads [embedding of w_t, encoder h_t] at step t (h_T past the source's end); trained identically.""",
                all.size(), heldOut.size(), ctx.seed(), train.size(), cfg.hidden(), task.targetVocabularySize(),
                cfg.batchSize(), Claim.format(cfg.lr()), Claim.format(CLIP), cfg.epochs(), MAX_LENGTH));

        Outcome horizontal = trainAndEvaluate(new EncoderDecoder(task.sourceVocabularySize(),
                task.targetVocabularySize(), cfg.hidden(), rng.fork()), task, train, heldOut, example, cfg, rng.fork(), ctx,
                "encoder-decoder");
        Outcome vertical = trainAndEvaluate(new StackedEncoderDecoder(task.sourceVocabularySize(),
                task.targetVocabularySize(), cfg.hidden(), rng.fork()), task, train, heldOut, example, cfg, rng.fork(), ctx,
                "stacked vertically");

        Metrics m = ctx.metrics();
        putAccuracies(m, "", horizontal);
        putAccuracies(m, "vertical_", vertical);
        m.put("final_train_loss", horizontal.loss()[horizontal.loss().length - 1]);
        m.put("teacher_forced_inputs_shifted_reference", teacherInputsShifted(task, all));
        // The early model's decoding of the example makes mistakes, so it shows mistakes being read back too.
        m.put("greedy_steps_fed_back", horizontal.greedyStepsFedBack());
        m.put("greedy_steps_fed_back_early_example", (double) stepsFedBack(task, horizontal.early())
                / horizontal.early().inputs().length);

        int[] teacherInputs = task.teacherForcedInputs(example.target());
        int[] targets = task.decoderTargets(example.target());
        report.text(String.format(Locale.ROOT, """
                **7(b) and 7(c) on the homework's sentence.** Source "%s", reference "%s". During training the \
                decoder's inputs are fixed by the reference, whatever the model predicts; during generation each \
                input is the model's previous output, so one wrong word ("saw" for "see") is read back as the next \
                input. The middle columns show a model after %d minibatch steps, the right ones the trained model.""",
                String.join(" ", example.source()), String.join(" ", example.target()), EARLY_STEPS));
        report.table(List.of("step", "w_t in training (teacher forcing)", "trained model's prediction there",
                "w_t in greedy decoding, early model", "early model's output", "w_t in greedy decoding, trained model",
                "trained model's output"), exampleTable(task, teacherInputs, targets, horizontal));

        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("encoder-decoder (h_T -> decoder s_0)", epochSeries(horizontal.loss()));
        curves.put("stacked vertically (h_t -> decoder input t)", epochSeries(vertical.loss()));
        Plots.line(ctx.file("loss.png"), "Teacher-forced training loss", "epoch", "mean cross-entropy per token", true,
                curves);
        report.figure("Mean training cross-entropy per epoch of both designs", ctx.file("loss.png"));
        report.table(List.of("design", "teacher-forced token accuracy", "greedy sentence accuracy",
                "… sentences with an adjective", "… without"), List.of(
                row("encoder-decoder (horizontal)", horizontal), row("stacked vertically (7a)", vertical)));
        report.text("""
                All accuracies are on the held-out sentences. Token accuracy counts every next-token prediction \
                (words and `<eos>`) given the ground-truth prefix; sentence accuracy is an exact match of the greedy \
                output, `<eos>` included.""");

        report.claim(Claim.atLeast("(b) During training the decoder reads `<sos>` then the ground-truth previous "
                + "words (for the example: `" + words(task, teacherInputs) + "`): fraction of all " + all.size()
                + " sentences whose decoder inputs are `<sos>` and the reference shifted by one = 1",
                m, "teacher_forced_inputs_shifted_reference", 1));
        report.claim(Claim.atLeast("(c) In greedy decoding the decoder reads `<sos>` then its own previous output: "
                + "fraction of the trained model's greedy decoding steps on the held-out sentences that do = 1",
                m, "greedy_steps_fed_back", 1));
        report.claim(Claim.atLeast("(c) The same for the early model (after " + EARLY_STEPS + " minibatch steps) "
                + "translating the example, mistakes included: fraction of its decoding steps that do = 1",
                m, "greedy_steps_fed_back_early_example", 1));
        double bound = 0.5 * horizontal.sequenceAccuracyWithAdjective();
        report.claim(Claim.below("(a) Stacked vertically, the i-th output sees only the first i source words, so a "
                + "word that must move earlier cannot be translated: greedy accuracy on sentences with an adjective "
                + "is below 0.5 x the horizontal design's (" + Claim.format(horizontal.sequenceAccuracyWithAdjective())
                + "), i.e. < " + Claim.format(bound), m, "vertical_greedy_sequence_accuracy_with_adjective", bound));
        report.verdict(String.format(Locale.ROOT, """
                (b) and (c) are statements about what the decoder reads, and the claims check them on every \
                sentence and decoding step rather than through accuracy: teacher forcing feeds `%s` for the \
                homework's sentence (and `<sos>` plus the shifted reference for all %d sentences), greedy decoding \
                feeds `<sos>` and then whatever the model said last, so the early model's mistakes propagate into \
                its own inputs. How well the model then translates is a separate measurement: the trained \
                encoder-decoder translates %s of held-out sentences exactly (token accuracy %s under teacher forcing).

                (a) The vertical design's problem shows in the numbers: on sentences with an adjective, where the \
                English adjective (4th word) comes from the 5th source word, its greedy sentence accuracy is %s \
                against %s for the horizontal design; when the 4th output is produced the decoder has read encoder \
                states h_1..h_4 only, and at that step it cannot even tell whether an adjective follows. The other \
                problem the solution names, target sentences of a different length than the source, is handled \
                here only by the ad-hoc rule of repeating h_T.""",
                words(task, teacherInputs), all.size(),
                Claim.format(horizontal.sequenceAccuracy()), Claim.format(horizontal.tokenAccuracy()),
                Claim.format(vertical.sequenceAccuracyWithAdjective()),
                Claim.format(horizontal.sequenceAccuracyWithAdjective())));
    }

    private <M extends Module & Translator> Outcome trainAndEvaluate(M model, ToyTranslation task, List<Pair> train,
                                                                     List<Pair> heldOut, Pair example, Config cfg,
                                                                     Rng rng, RunContext ctx, String label) {
        int[][] sources = train.stream().map(p -> task.encodeSource(p.source())).toArray(int[][]::new);
        int[][] inputs = train.stream().map(p -> task.teacherForcedInputs(p.target())).toArray(int[][]::new);
        int[][] targets = train.stream().map(p -> task.decoderTargets(p.target())).toArray(int[][]::new);
        int[] exampleSource = task.encodeSource(example.source());
        Adam adam = new Adam(model.parameters(), cfg.lr());
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        double[] lossPerEpoch = new double[cfg.epochs()];
        Decoding early = null;
        int step = 0;
        Progress progress = ctx.progress("epoch (" + label + ")", cfg.epochs());
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            double sum = 0;
            long tokens = 0;
            // Within a batch all sources have one length, and so (in this language) do all targets.
            for (int[] rows : LengthBuckets.batches(sources, cfg.batchSize(), rng)) {
                int[][] src = pick(sources, rows);
                int[][] in = pick(inputs, rows);
                int[] flatTargets = Arrays.stream(pick(targets, rows)).flatMapToInt(Arrays::stream).toArray();
                Variable logits = model.teacherForcedLogits(src, in);
                Variable loss = lossFn.forward(logits.reshape(flatTargets.length, logits.size(2)), flatTargets);
                adam.zeroGrad();
                loss.backward();
                GradClip.clipGradNorm(model.parameters(), CLIP);
                adam.step();
                sum += loss.item() * flatTargets.length;
                tokens += flatTargets.length;
                if (++step == EARLY_STEPS) {
                    early = model.greedy(exampleSource, task.sos(), task.eos(), MAX_LENGTH);
                }
            }
            lossPerEpoch[epoch] = sum / tokens;
            progress.update(epoch + 1, lossPerEpoch[epoch]);
        }
        if (early == null) {
            early = model.greedy(exampleSource, task.sos(), task.eos(), MAX_LENGTH);
        }

        long rightTokens = 0;
        long allTokens = 0;
        int[] right = new int[2];
        int[] count = new int[2];
        long fedBack = 0;
        long greedySteps = 0;
        for (Pair p : heldOut) {
            int[] src = task.encodeSource(p.source());
            int[] want = task.decoderTargets(p.target());
            int[] predicted = teacherForcedPredictions(model, src, task.teacherForcedInputs(p.target()));
            for (int t = 0; t < want.length; t++) {
                rightTokens += predicted[t] == want[t] ? 1 : 0;
            }
            allTokens += want.length;
            int kind = p.hasAdjective() ? 1 : 0;
            count[kind]++;
            Decoding greedy = model.greedy(src, task.sos(), task.eos(), MAX_LENGTH);
            right[kind] += Arrays.equals(greedy.outputs(), want) ? 1 : 0;
            fedBack += stepsFedBack(task, greedy);
            greedySteps += greedy.inputs().length;
        }
        int[] exampleTf = teacherForcedPredictions(model, exampleSource, task.teacherForcedInputs(example.target()));
        return new Outcome(lossPerEpoch, (double) rightTokens / allTokens,
                (double) (right[0] + right[1]) / (count[0] + count[1]), fraction(right[1], count[1]),
                fraction(right[0], count[0]), (double) fedBack / greedySteps, early,
                model.greedy(exampleSource, task.sos(), task.eos(), MAX_LENGTH), exampleTf);
    }

    /** One model's accuracies, under keys that start with {@code prefix}. */
    private static void putAccuracies(Metrics m, String prefix, Outcome r) {
        m.put(prefix + "teacher_forced_token_accuracy", r.tokenAccuracy());
        m.put(prefix + "greedy_sequence_accuracy", r.sequenceAccuracy());
        m.put(prefix + "greedy_sequence_accuracy_with_adjective", r.sequenceAccuracyWithAdjective());
        m.put(prefix + "greedy_sequence_accuracy_without_adjective", r.sequenceAccuracyWithout());
    }

    /** The arg-max token at every step when the decoder reads the ground-truth inputs. */
    private static int[] teacherForcedPredictions(Translator model, int[] source, int[] inputs) {
        try (Graph.Scope ignored = Graph.noGrad()) {
            Variable logits = model.teacherForcedLogits(new int[][]{source}, new int[][]{inputs}); // [1, T, V]
            double[] best = logits.data().select(0, 0).argmax(1, false).toDoubleArray();
            return Arrays.stream(best).mapToInt(v -> (int) v).toArray();
        }
    }

    /** How many steps of a greedy decoding read `<sos>` (the first step) or the previous step's output. */
    private static int stepsFedBack(ToyTranslation task, Decoding d) {
        int n = 0;
        for (int t = 0; t < d.inputs().length; t++) {
            n += d.inputs()[t] == (t == 0 ? task.sos() : d.outputs()[t - 1]) ? 1 : 0;
        }
        return n;
    }

    /** The fraction of sentences whose teacher-forced decoder inputs are `<sos>` then the reference shifted by one. */
    private static double teacherInputsShifted(ToyTranslation task, List<Pair> pairs) {
        int n = 0;
        for (Pair p : pairs) {
            int[] shifted = withSos(task, task.decoderTargets(p.target()));
            n += Arrays.equals(task.teacherForcedInputs(p.target()), shifted) ? 1 : 0;
        }
        return (double) n / pairs.size();
    }

    private static int[] withSos(ToyTranslation task, int[] targets) {
        int[] shifted = new int[targets.length];
        shifted[0] = task.sos();
        System.arraycopy(targets, 0, shifted, 1, targets.length - 1);
        return shifted;
    }

    private static List<List<String>> exampleTable(ToyTranslation task, int[] teacherInputs, int[] targets,
                                                   Outcome outcome) {
        int steps = Math.max(teacherInputs.length,
                Math.max(outcome.early().inputs().length, outcome.trained().inputs().length));
        List<List<String>> rows = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            rows.add(List.of("w" + (t + 1),
                    token(task, teacherInputs, t), token(task, outcome.teacherForcedPredictions(), t),
                    token(task, outcome.early().inputs(), t), token(task, outcome.early().outputs(), t),
                    token(task, outcome.trained().inputs(), t), token(task, outcome.trained().outputs(), t)));
        }
        return rows;
    }

    /** A token for a markdown table cell ("<" escaped), or a dash past the sequence's end. */
    private static String token(ToyTranslation task, int[] tokens, int t) {
        return t < tokens.length ? "`" + task.targetWord(tokens[t]) + "`" : "-";
    }

    private static String words(ToyTranslation task, int[] tokens) {
        List<String> out = new ArrayList<>();
        for (int t : tokens) {
            out.add(task.targetWord(t));
        }
        return String.join(", ", out);
    }

    private static List<String> row(String design, Outcome o) {
        return List.of(design, Claim.format(o.tokenAccuracy()), Claim.format(o.sequenceAccuracy()),
                Claim.format(o.sequenceAccuracyWithAdjective()), Claim.format(o.sequenceAccuracyWithout()));
    }

    private static double[][] epochSeries(double[] loss) {
        double[] x = new double[loss.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return new double[][]{x, loss};
    }

    private static double fraction(int right, int count) {
        return count == 0 ? 0 : (double) right / count;
    }

    private static int[][] pick(int[][] x, int[] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }
}
