package dev.tensorgrad.experiments.gradflow;

import dev.tensorgrad.experiments.gradflow.GradientFlowClaims.Checked;
import dev.tensorgrad.experiments.gradflow.GradientFlowClaims.FamilyClaims;
import dev.tensorgrad.experiments.gradflow.GradientTrace.Loss;
import dev.tensorgrad.experiments.report.Claim;
import dev.tensorgrad.experiments.report.Metrics;
import dev.tensorgrad.experiments.report.Report;
import dev.tensorgrad.nn.Nonlinearity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link GradientFlowClaims#add}'s record of the claims it added, which the verdict reads by name. */
class GradientFlowClaimsTest {

    /** Every metric {@code add} reads, without running the experiment: each ratio and |h| is rho, each slope 1/rho. */
    private static Metrics metrics() {
        Metrics m = new Metrics();
        m.put("linear_closed_form_max_rel_error", 1e-12);
        for (RecurrenceFamily family : GradientFlow.FAMILIES) {
            m.put(GradientFlow.activeKey(family), 0.5);
            m.put(GradientFlow.nearZeroDeviationKey(family), 1e-3);
            for (double rho : GradientFlow.RHOS) {
                m.put(GradientFlow.slopeKey(family, rho), 1 / rho);
                for (Nonlinearity act : GradientFlow.NONLINEARITIES) {
                    m.put(GradientFlow.hiddenKey(family, act, rho), rho);
                    for (Loss loss : GradientFlow.LOSSES) {
                        m.put(GradientFlow.ratioKey(family, act, rho, loss), rho);
                    }
                }
                if (rho > 1) {
                    m.put(GradientFlow.nearZeroRatioKey(family, rho), rho);
                    m.put(GradientFlow.nearZeroHiddenKey(family, rho), 1e-3);
                }
            }
        }
        return m;
    }

    @Test
    void checkedHoldsEveryClaimAddedInTheOrderAdded() {
        Report report = new Report("gradient-flow", "test");
        Checked checked = GradientFlowClaims.add(report, metrics());
        List<Claim> recorded = new ArrayList<>();
        recorded.add(checked.closedForm());
        recorded.addAll(checked.linear());
        for (FamilyClaims f : checked.families()) {
            recorded.addAll(f.all());
        }
        recorded.addAll(checked.lastTerm().all());
        assertEquals(report.claims(), recorded);
    }

    @Test
    void namedClaimsAreTheOnesTheirNamesDescribe() {
        Checked checked = GradientFlowClaims.add(new Report("gradient-flow", "test"), metrics());
        assertEquals("linear_closed_form_max_rel_error", checked.closedForm().key());
        assertEquals(GradientFlow.RHOS.length, checked.linear().size());
        for (FamilyClaims f : checked.families()) {
            String fam = f.family().label();
            assertEquals("max_abs_hidden_" + fam + "_tanh", f.tanhBounded().key());
            assertEquals("relu_hidden_explodes_where_linear_does_" + fam, f.reluHiddenLikeLinear().key());
            assertEquals("relu_grad_explodes_where_linear_does_" + fam, f.reluGradLikeLinear().key());
        }
        assertEquals("last_term_vs_last_only_max_rel_diff", checked.lastTerm().sameDecay().key());
    }
}
