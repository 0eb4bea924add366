package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.experiments.gradflow.GradientTrace.Loss;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.nn.Nonlinearity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

import static dev.tensorgrad.experiments.gradflow.GradientFlow.EXPLODE;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.FAMILIES;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.NEAR_ZERO_BOUND;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.NONLINEARITIES;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.RHOS;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.VANISH;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.hiddenKey;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.label;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.nearZeroHiddenKey;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.nearZeroRatioKey;
import static dev.tensorgrad.experiments.gradflow.GradientFlow.ratioKey;

/**
 * The solution's claims for 1(e)-(g), each stated from the solution's text before the run and
 * checked against {@link GradientFlow}'s metrics; and the verdict, every number and every set of
 * rho in it read from the metrics.
 */
final class GradientFlowClaims {

    /**
     * Every claim {@link #add} added, kept by reference so that the verdict reads each one by name:
     * adding or reordering a claim cannot make the verdict read the wrong one.
     *
     * @param closedForm (e) autograd against the closed form
     * @param linear     (e) the linear RNN's ratio, one claim per rho
     * @param families   (f), one entry per family in {@link GradientFlow#FAMILIES} order
     * @param lastTerm   (g)
     */
    record Checked(Claim closedForm, List<Claim> linear, List<FamilyClaims> families, LastTermClaims lastTerm) {
    }

    /**
     * One family's (f) claims.
     *
     * @param family               the family of W_h
     * @param tanhBounded          tanh keeps every |h| below 1
     * @param reluHiddenLikeLinear ReLU's hidden states explode wherever the linear RNN's do
     * @param reluGradLikeLinear   ReLU's gradients explode wherever the linear RNN's do
     * @param all                  every (f) claim of the family, these three included, in the order added
     */
    record FamilyClaims(RecurrenceFamily family, Claim tanhBounded, Claim reluHiddenLikeLinear,
                        Claim reluGradLikeLinear, List<Claim> all) {
    }

    /**
     * The (g) claims.
     *
     * @param allStepsLarge the logged all-steps ratio stays above the vanishing bound
     * @param lastTermSmall the last step's part of it still vanishes
     * @param sameDecay     that part decays exactly as the last-target-only gradient
     */
    record LastTermClaims(Claim allStepsLarge, Claim lastTermSmall, Claim sameDecay) {
        /** The three claims, in the order added. */
        List<Claim> all() {
            return List.of(allStepsLarge, lastTermSmall, sameDecay);
        }
    }

    private GradientFlowClaims() {
    }

    /**
     * Adds the (e), (f) and (g) claims to {@code report}, and the derived metrics they read to {@code metrics}.
     *
     * @return the claims added, for {@link #verdict}
     */
    static Checked add(Report report, Metrics metrics) {
        Claim closedForm = add(report, Claim.below("(e) Autograd's dL/dh_t equals the closed form "
                + "2(y_hat - y) W_f (W_h)^(T-t) (largest relative error < 1e-8)", metrics,
                "linear_closed_form_max_rel_error", 1e-8));
        List<Claim> linear = new ArrayList<>();
        for (double rho : RHOS) {
            String k = ratioKey(RecurrenceFamily.ROTATION, Nonlinearity.NONE, rho, Loss.LAST_TARGET_ONLY);
            double r = metrics.number(k);
            String head = "(e) Linear, W_h = rho Q, rho = " + rho;
            if (rho < 1) {
                add(report, linear, Claim.below(head + " < 1: gradients vanish (ratio < " + VANISH + ")", metrics, k, VANISH));
            } else if (rho > 1) {
                add(report, linear, new Claim(head + " > 1: gradients explode (ratio > " + Claim.format(EXPLODE) + ")", k, r,
                        r > EXPLODE));
            } else {
                add(report, linear, new Claim(head + ": gradients are stable (0.5 < ratio < 2)", k, r,
                        r > 0.5 && r < 2));
            }
        }
        List<FamilyClaims> families = new ArrayList<>();
        for (RecurrenceFamily family : FAMILIES) {
            families.add(addFamilyClaims(report, metrics, family));
        }
        return new Checked(closedForm, List.copyOf(linear), List.copyOf(families), addLastTermClaims(report, metrics));
    }

    /** Adds {@code claim} to {@code report} and returns it. */
    private static Claim add(Report report, Claim claim) {
        report.claim(claim);
        return claim;
    }

    /** Adds {@code claim} to {@code report} and to {@code added}, and returns it. */
    private static Claim add(Report report, List<Claim> added, Claim claim) {
        added.add(claim);
        return add(report, claim);
    }

    private static FamilyClaims addFamilyClaims(Report report, Metrics metrics, RecurrenceFamily family) {
        String f = "(f) " + family.formula() + ": ";
        String fam = family.label();
        List<Claim> all = new ArrayList<>();

        double tanhMax = 0;
        for (double rho : RHOS) {
            tanhMax = Math.max(tanhMax, metrics.number(hiddenKey(family, Nonlinearity.TANH, rho)));
        }
        metrics.put(GradientFlow.tanhMaxKey(family), tanhMax);
        Claim tanhBounded = add(report, all, Claim.below(f + "tanh restricts hidden states to (-1, 1): largest |h| "
                + "over every rho is < 1 (1 - largest = " + Claim.format(1 - tanhMax) + ")", metrics,
                GradientFlow.tanhMaxKey(family), 1));

        List<Double> linearHidden = hiddenExploding(metrics, family, Nonlinearity.NONE);
        List<Double> reluHidden = hiddenExploding(metrics, family, Nonlinearity.RELU);
        int hiddenBoth = countIn(reluHidden, linearHidden);
        metrics.put("relu_hidden_explodes_where_linear_does_" + fam, hiddenBoth);
        Claim reluHiddenLikeLinear = add(report, all, new Claim(f + "ReLU hidden states explode like the linear RNN's: "
                + "max |h| > " + Claim.format(EXPLODE) + " at every rho where the linear RNN's max |h| is (linear: "
                + fmtRhos(linearHidden) + "; ReLU: " + fmtRhos(reluHidden) + "); measured: at how many of those "
                + linearHidden.size() + " rho ReLU's is too", "relu_hidden_explodes_where_linear_does_" + fam,
                hiddenBoth, !linearHidden.isEmpty() && hiddenBoth == linearHidden.size()));

        List<Double> linearExplodes = exploding(metrics, family, Nonlinearity.NONE);
        List<Double> reluExplodes = exploding(metrics, family, Nonlinearity.RELU);
        List<Double> tanhExplodes = exploding(metrics, family, Nonlinearity.TANH);
        int gradBoth = countIn(reluExplodes, linearExplodes);
        metrics.put("relu_grad_explodes_where_linear_does_" + fam, gradBoth);
        Claim reluGradLikeLinear = add(report, all, new Claim(f + "ReLU gradients explode like the linear RNN's: ratio > "
                + Claim.format(EXPLODE)
                + " (last target only) at every rho where the linear RNN's ratio is (linear: " + fmtRhos(linearExplodes)
                + "; ReLU: " + fmtRhos(reluExplodes) + "); measured: at how many of those " + linearExplodes.size()
                + " rho ReLU's is too", "relu_grad_explodes_where_linear_does_" + fam, gradBoth,
                !linearExplodes.isEmpty() && gradBoth == linearExplodes.size()));

        for (Nonlinearity act : NONLINEARITIES) {
            metrics.put("vanishing_count_" + fam + "_" + label(act), vanishing(metrics, family, act).size());
            metrics.put("exploding_count_" + fam + "_" + label(act), exploding(metrics, family, act).size());
        }
        add(report, all, new Claim(f + "tanh gives fewer exploding gradients than ReLU: fewer rho with ratio > "
                + Claim.format(EXPLODE) + " (tanh: " + fmtRhos(tanhExplodes) + "; ReLU: " + fmtRhos(reluExplodes)
                + "); measured: tanh's count", "exploding_count_" + fam + "_tanh", tanhExplodes.size(),
                tanhExplodes.size() < reluExplodes.size()));
        List<Double> tanhVanishes = vanishing(metrics, family, Nonlinearity.TANH);
        List<Double> reluVanishes = vanishing(metrics, family, Nonlinearity.RELU);
        add(report, all, new Claim(f + "tanh gives more vanishing gradients than ReLU: more rho with ratio < " + VANISH
                + " (tanh: " + fmtRhos(tanhVanishes) + "; ReLU: " + fmtRhos(reluVanishes) + "); measured: tanh's count",
                "vanishing_count_" + fam + "_tanh", tanhVanishes.size(), tanhVanishes.size() > reluVanishes.size()));

        int atMost = rhosWhere(rho -> ratio(metrics, family, Nonlinearity.TANH, rho)
                <= ratio(metrics, family, Nonlinearity.RELU, rho)).size();
        metrics.put("rho_count_tanh_ratio_at_most_relu_" + fam, atMost);
        add(report, all, new Claim(f + "tanh's gradient shrinks at least as much as ReLU's: at every rho, tanh's ratio "
                + "(last target only) is at most ReLU's; measured: number of rho (of " + RHOS.length + ") where it is",
                "rho_count_tanh_ratio_at_most_relu_" + fam, atMost, atMost == RHOS.length));

        double minRatio = Double.POSITIVE_INFINITY;
        String minKey = "";
        double maxHidden = 0;
        for (double rho : GradientFlow.growingRhos()) {
            double r = metrics.number(nearZeroRatioKey(family, rho));
            if (r < minRatio) {
                minRatio = r;
                minKey = nearZeroRatioKey(family, rho);
            }
            maxHidden = Math.max(maxHidden, metrics.number(nearZeroHiddenKey(family, rho)));
        }
        add(report, all, new Claim(f + "tanh gradients still explode when rho > 1 but the hidden states stay close to "
                + "zero: at every rho > 1, with the drive scaled down, max |h| < " + Claim.format(NEAR_ZERO_BOUND)
                + " (largest: " + Claim.format(maxHidden) + ") and ratio > " + Claim.format(EXPLODE)
                + "; measured: the smallest ratio", minKey, minRatio, maxHidden < NEAR_ZERO_BOUND && minRatio > EXPLODE));
        return new FamilyClaims(family, tanhBounded, reluHiddenLikeLinear, reluGradLikeLinear, List.copyOf(all));
    }

    /**
     * (g), over both families and every nonlinearity, in the configurations where the last-target-only
     * gradient vanishes: the logged all-steps gradient does not, the last step's part of it does.
     */
    private static LastTermClaims addLastTermClaims(Report report, Metrics metrics) {
        double minAll = Double.POSITIVE_INFINITY;
        String minAllKey = "";
        double maxLastTerm = 0;
        String maxLastTermKey = "";
        double maxDiff = 0;
        int vanishingConfigs = 0;
        for (RecurrenceFamily family : FAMILIES) {
            for (Nonlinearity act : NONLINEARITIES) {
                for (double rho : RHOS) {
                    double lastOnly = metrics.number(ratioKey(family, act, rho, Loss.LAST_TARGET_ONLY));
                    double lastTerm = metrics.number(ratioKey(family, act, rho, Loss.LAST_TERM_OF_ALL_STEPS));
                    maxDiff = Math.max(maxDiff, Math.abs(lastTerm / lastOnly - 1));
                    if (lastOnly >= VANISH) {
                        continue;
                    }
                    vanishingConfigs++;
                    double all = metrics.number(ratioKey(family, act, rho, Loss.ALL_STEPS));
                    if (all < minAll) {
                        minAll = all;
                        minAllKey = ratioKey(family, act, rho, Loss.ALL_STEPS);
                    }
                    if (lastTerm >= maxLastTerm) {
                        maxLastTerm = lastTerm;
                        maxLastTermKey = ratioKey(family, act, rho, Loss.LAST_TERM_OF_ALL_STEPS);
                    }
                }
            }
        }
        metrics.put("last_only_vanishing_configurations", vanishingConfigs);
        metrics.put("last_term_vs_last_only_max_rel_diff", maxDiff);
        String where = "in the " + vanishingConfigs + " configurations (both families, every nonlinearity and rho) "
                + "where the last-target-only ratio is < " + VANISH;
        Claim allStepsLarge = add(report, new Claim("(g) With last_target_only = false the logged gradient is high-magnitude at every step: "
                + where + ", ||dL/dh_1|| / ||dL/dh_T|| > " + VANISH + "; measured: the smallest", minAllKey, minAll,
                vanishingConfigs > 0 && minAll > VANISH));
        Claim lastTermSmall = add(report, new Claim("(g) ... but dL_T/dh_t for t << T is still small: " + where + ", the last step's loss "
                + "alone gives ||dL_T/dh_1|| / ||dL_T/dh_T|| < " + VANISH + "; measured: the largest", maxLastTermKey,
                maxLastTerm, vanishingConfigs > 0 && maxLastTerm < VANISH));
        Claim sameDecay = add(report, Claim.below("(g) dL_T/dh_t decays from T to 1 exactly as the last-target-only "
                + "gradient does: largest relative difference between the two ratios over every configuration < 1e-9",
                metrics, "last_term_vs_last_only_max_rel_diff", 1e-9));
        return new LastTermClaims(allStepsLarge, lastTermSmall, sameDecay);
    }

    /** The verdict's paragraphs, each built from the claims {@link #add} returned and the metrics. */
    static List<String> verdict(Checked claims, Metrics metrics, int steps) {
        List<String> paragraphs = new ArrayList<>();
        String closed = claims.closedForm().held()
                ? "The closed form holds to rounding error (" + Claim.format(metrics.number("linear_closed_form_max_rel_error"))
                  + "), whether dL/dh_t is read through hooks on the composed RNN or from the fused RNN."
                : "Autograd and the closed form disagree; see the closed-form row.";
        List<String> linearParts = new ArrayList<>();
        for (RecurrenceFamily family : FAMILIES) {
            linearParts.add("with " + family.formula() + " it vanishes " + atRhos(vanishing(metrics, family, Nonlinearity.NONE))
                    + " and explodes " + atRhos(exploding(metrics, family, Nonlinearity.NONE)));
        }
        paragraphs.add(closed + " Without a nonlinearity (last target only): "
                + String.join("; ", linearParts) + (claims.linear().stream().allMatch(Claim::held)
                ? ", as the solution says for (e)." : "; not every (e) claim held, see the table."));

        List<String> held = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (FamilyClaims f : claims.families()) {
            // The solution's "ReLU behaves like the no-activation RNN": hidden states and gradients both.
            boolean reluLikeLinear = f.reluHiddenLikeLinear().held() && f.reluGradLikeLinear().held();
            (reluLikeLinear ? held : failed).add(f.family().formula());
            paragraphs.add(familyParagraph(metrics, f.family(), f.all()));
        }
        paragraphs.add(reluParagraph(metrics, held, failed));
        boolean bounded = claims.families().stream().allMatch(f -> f.tanhBounded().held());
        paragraphs.add(tanhParagraph(metrics, steps, bounded));
        paragraphs.add(lastTermParagraph(claims.lastTerm(), metrics, steps));
        return paragraphs;
    }

    private static String familyParagraph(Metrics metrics, RecurrenceFamily family, List<Claim> fClaims) {
        long held = fClaims.stream().filter(Claim::held).count();
        return String.format(Locale.ROOT, "**%s.** %d of its %d (f) claims held. ReLU's gradients vanish %s and "
                        + "explode %s; tanh's vanish %s and explode %s. Hidden states exceed %s in magnitude %s "
                        + "for the linear RNN and %s for ReLU; tanh's largest |h| is 1 - %s. ReLU leaves on average %s of "
                        + "its units on at a step. With its states held near zero, tanh's ratio at every rho > 1 is "
                        + "within a relative %s of the linear RNN's rho^(T-1): near 0, tanh' = 1 and tanh is the "
                        + "linear RNN.",
                family.formula(), held, fClaims.size(),
                atRhos(vanishing(metrics, family, Nonlinearity.RELU)), atRhos(exploding(metrics, family, Nonlinearity.RELU)),
                atRhos(vanishing(metrics, family, Nonlinearity.TANH)), atRhos(exploding(metrics, family, Nonlinearity.TANH)),
                Claim.format(EXPLODE),
                atRhos(hiddenExploding(metrics, family, Nonlinearity.NONE)),
                atRhos(hiddenExploding(metrics, family, Nonlinearity.RELU)),
                Claim.format(1 - metrics.number(GradientFlow.tanhMaxKey(family))),
                Claim.format(metrics.number(GradientFlow.activeKey(family))),
                Claim.format(metrics.number(GradientFlow.nearZeroDeviationKey(family))));
    }

    private static String reluParagraph(Metrics metrics, List<String> held, List<String> failed) {
        double onQ = metrics.number(GradientFlow.activeKey(RecurrenceFamily.ROTATION));
        double onI = metrics.number(GradientFlow.activeKey(RecurrenceFamily.IDENTITY));
        List<Double> reluExplodesQ = exploding(metrics, RecurrenceFamily.ROTATION, Nonlinearity.RELU);
        return String.format(Locale.ROOT, "The solution's picture of ReLU as the no-activation RNN (hidden states and "
                        + "gradients exploding wherever the linear RNN's do) %s%s. What differs is which units ReLU "
                        + "leaves on: on average %s of them with W_h = rho Q, %s with W_h = rho I, and a gradient goes "
                        + "back only through units that are on. With rho Q the rotation mixes signs, so the units that "
                        + "are on change from step to step and the gradient loses the rest at every step: a rough "
                        + "per-step gain of rho sqrt(%s), above 1 only for rho > %s; ReLU's gradient explodes %s. "
                        + "With rho I a unit that is on stays on while its state grows, and a unit that stays on passes "
                        + "the gradient back with gain rho, as the linear RNN does. Which W_h a student draws decides which "
                        + "picture they see; the homework does not fix it.",
                held.isEmpty() ? "held in neither family" : "held with " + String.join(" and ", held),
                failed.isEmpty() ? "" : " and failed with " + String.join(" and ", failed),
                Claim.format(onQ), Claim.format(onI), Claim.format(onQ), Claim.format(1 / Math.sqrt(onQ)),
                atRhos(reluExplodesQ));
    }

    /** The tanh paragraph; {@code bounded}: tanh's |h| stayed below 1 in every family. */
    private static String tanhParagraph(Metrics metrics, int steps, boolean bounded) {
        double top = RHOS[RHOS.length - 1];
        List<String> parts = new ArrayList<>();
        for (RecurrenceFamily family : FAMILIES) {
            double ratio = ratio(metrics, family, Nonlinearity.TANH, top);
            double slope = metrics.number(GradientFlow.slopeKey(family, top));
            parts.add(String.format(Locale.ROOT, "with %s tanh's gradients vanish %s and explode %s; at rho = %s its "
                            + "mean slope 1 - h^2 is %s and the gradient changes by a factor of %s per step on average "
                            + "(ratio^(1/(T-1)))", family.formula(),
                    atRhos(vanishing(metrics, family, Nonlinearity.TANH)),
                    atRhos(exploding(metrics, family, Nonlinearity.TANH)), top, Claim.format(slope),
                    Claim.format(Math.pow(ratio, 1.0 / (steps - 1)))));
        }
        // Saturating: the mean slope 1 - h^2 falls from each rho of the grid to the next, in every family.
        boolean saturates = true;
        for (RecurrenceFamily family : FAMILIES) {
            for (int i = 1; i < RHOS.length; i++) {
                saturates &= metrics.number(GradientFlow.slopeKey(family, RHOS[i]))
                        < metrics.number(GradientFlow.slopeKey(family, RHOS[i - 1]));
            }
        }
        List<Double> rotationSteeper = rhosWhere(rho -> metrics.number(GradientFlow.slopeKey(RecurrenceFamily.ROTATION,
                rho)) > metrics.number(GradientFlow.slopeKey(RecurrenceFamily.IDENTITY, rho)));
        String states = (bounded ? "tanh's states stay in (-1, 1) in both families"
                : "tanh's states do not stay inside (-1, 1) in every family (see the (f) claims)")
                + (saturates ? (bounded ? " and saturate as rho grows" : "; they saturate as rho grows")
                : ", and they do not saturate steadily as rho grows (the mean slope 1 - h^2 does not fall at every "
                  + "step of the rho grid)");
        String rotation = rotationSteeper.size() == RHOS.length
                ? "With rho Q the mean slope stays larger, consistent with a rotation that keeps turning the state so "
                  + "that units keep crossing tanh's steep middle: a saturated largest |h| alone does not hold the "
                  + "gradient down."
                : "With rho Q the mean slope is larger than with rho I only " + atRhos(rotationSteeper)
                  + ", so the rotation does not keep the units in tanh's steep middle at every rho.";
        return states + ", but " + String.join("; ", parts)
                + ". With rho I each unit settles toward a fixed point in tanh's flat tail, where the slope is small: "
                + "the solution's \"large tanh inputs, gradients close to zero\". " + rotation;
    }

    private static String lastTermParagraph(LastTermClaims g, Metrics metrics, int steps) {
        return String.format(Locale.ROOT, "(g): in the %d configurations where the last-target-only gradient "
                        + "vanishes, the logged all-steps ratio is at least %s, but the part of the gradient that "
                        + "comes from the last step's loss still decays from T to 1 by a factor of at most %s; its "
                        + "ratio equals the last-target-only one to a relative %s (the all-steps loss is the mean of "
                        + "the %d per-step losses, so dL_T/dh_t is exactly 1/T times the last-target-only gradient). "
                        + "%d of the %d (g) claims held: the all-steps loss fills the plot with each step's own "
                        + "short-range gradient; it does not carry the last step's error any further back.",
                (int) metrics.number("last_only_vanishing_configurations"), Claim.format(g.allStepsLarge().measured()),
                Claim.format(g.lastTermSmall().measured()),
                Claim.format(metrics.number("last_term_vs_last_only_max_rel_diff")), steps,
                g.all().stream().filter(Claim::held).count(), g.all().size());
    }

    private static double ratio(Metrics metrics, RecurrenceFamily family, Nonlinearity act, double rho) {
        return metrics.number(ratioKey(family, act, rho, Loss.LAST_TARGET_ONLY));
    }

    /** The rho whose last-target-only ratio is below {@link GradientFlow#VANISH}. */
    static List<Double> vanishing(Metrics metrics, RecurrenceFamily family, Nonlinearity act) {
        return rhosWhere(rho -> ratio(metrics, family, act, rho) < VANISH);
    }

    /** The rho whose last-target-only ratio is above {@link GradientFlow#EXPLODE}. */
    static List<Double> exploding(Metrics metrics, RecurrenceFamily family, Nonlinearity act) {
        return rhosWhere(rho -> ratio(metrics, family, act, rho) > EXPLODE);
    }

    /** The rho whose largest |h| is above {@link GradientFlow#EXPLODE}. */
    static List<Double> hiddenExploding(Metrics metrics, RecurrenceFamily family, Nonlinearity act) {
        return rhosWhere(rho -> metrics.number(hiddenKey(family, act, rho)) > EXPLODE);
    }

    /** The rho of the grid for which {@code test} holds, in grid order. */
    static List<Double> rhosWhere(DoublePredicate test) {
        List<Double> out = new ArrayList<>();
        for (double rho : RHOS) {
            if (test.test(rho)) {
                out.add(rho);
            }
        }
        return out;
    }

    /** How many of {@code these} are also in {@code those}. */
    static int countIn(List<Double> these, List<Double> those) {
        return (int) these.stream().filter(those::contains).count();
    }

    /** A set of rho after a verb, e.g. "at rho = 0.5, 0.9" or "at no rho". */
    static String atRhos(List<Double> rhos) {
        return rhos.isEmpty() ? "at no rho" : "at rho = " + fmtRhos(rhos);
    }

    /** A set of rho as the verdict writes it, e.g. "0.5, 0.9" or "no rho". */
    static String fmtRhos(List<Double> rhos) {
        return rhos.isEmpty() ? "no rho" : GradientFlow.fmtList(rhos.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
