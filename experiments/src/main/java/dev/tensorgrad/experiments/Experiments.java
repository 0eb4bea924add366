package dev.tensorgrad.experiments;

import dev.tensorgrad.experiments.autoencoders.Autoencoders;
import dev.tensorgrad.experiments.deeprnn.DeepRnn;
import dev.tensorgrad.experiments.gradflow.GradientFlow;
import dev.tensorgrad.experiments.names.NameClassification;
import dev.tensorgrad.experiments.names.RnnNamePredictor;
import dev.tensorgrad.experiments.pcaae.PcaLinearAutoencoder;
import dev.tensorgrad.experiments.regae.RegularizedLinearAutoencoder;
import dev.tensorgrad.experiments.rnnbasics.RnnBasics;
import dev.tensorgrad.experiments.seq2seq.MachineTranslation;
import dev.tensorgrad.experiments.spectral.SpectralClustering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry: which experiments exist, in the order {@code list} and {@code run all} use, and the
 * hook that loads the trained names model for {@code predict-name}.
 *
 * @param all           the experiments, in homework order
 * @param namePredictor loads the names experiment's trained model
 */
public record Experiments(List<Experiment> all, NamePredictor.Loader namePredictor) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Checks the names: each lower-case-words-with-dashes, none repeated, none called "all".
     *
     * @throws IllegalArgumentException naming the offending experiment
     */
    public Experiments {
        all = List.copyOf(all);
        Set<String> seen = new HashSet<>();
        for (Experiment e : all) {
            if (!NAME.matcher(e.name()).matches() || e.name().equals("all")) {
                throw new IllegalArgumentException("experiments: bad name '" + e.name() + "'");
            }
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("experiments: '" + e.name() + "' is registered twice");
            }
        }
    }

    /**
     * The experiments of this project. To add one, append it here in homework order; the names
     * experiment also replaces the loader that returns nothing.
     */
    public static Experiments standard() {
        return new Experiments(List.of(
                new RnnBasics(),
                new GradientFlow(),
                new DeepRnn(),
                new NameClassification(),
                new Autoencoders(),
                new PcaLinearAutoencoder(),
                new SpectralClustering(),
                new RegularizedLinearAutoencoder(),
                new MachineTranslation()),
                RnnNamePredictor::load);
    }

    /** The names, in order. */
    public List<String> names() {
        return all.stream().map(Experiment::name).toList();
    }

    /**
     * The experiments named, in the order given; {@code all} stands for every one. Repeats run once.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public List<Experiment> select(List<String> requested) {
        List<Experiment> chosen = new ArrayList<>();
        for (String name : requested) {
            List<Experiment> add = name.equals("all") ? all : List.of(find(name));
            add.stream().filter(e -> !chosen.contains(e)).forEach(chosen::add);
        }
        return chosen;
    }

    /**
     * The experiment called {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing the known names
     */
    public Experiment find(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown experiment '" + name + "'; known: "
                        + (all.isEmpty() ? "none yet" : String.join(", ", names()))));
    }
}
