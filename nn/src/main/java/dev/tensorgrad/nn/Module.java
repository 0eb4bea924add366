package dev.tensorgrad.nn;

import dev.tensorgrad.autograd.Variable;
import dev.tensorgrad.tensor.Shape;
import dev.tensorgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A piece of a network that owns parameters and sub-modules, each under a name. Names compose
 * with dots, as in PyTorch ({@code "rnn.weight_hh_l0"}), so that a checkpoint written here maps
 * one to one onto a PyTorch {@code state_dict}.
 *
 * <p>Parameters are plain leaf {@link Variable}s that require grad; a module registers each one
 * once, in its constructor. Modules start in training mode, which only {@link Dropout} reads.
 *
 * <p>A module may be registered more than once (weight tying: {@code new Sequential(shared, act,
 * shared)}). As in PyTorch, {@link #parameters()} and {@link #namedParameters()} then list each
 * parameter once, under the first name that reaches it, so an optimizer updates it once;
 * {@link #stateDict()} keeps every name, so a checkpoint has the same keys as PyTorch's.
 */
public abstract class Module {
    private final Map<String, Variable> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * Registers {@code value} as a trainable parameter under {@code name} and returns its leaf.
     *
     * @throws IllegalArgumentException if the name is empty, contains a dot, or is already taken
     */
    protected final Variable registerParameter(String name, Tensor value) {
        checkName(name);
        Variable parameter = Variable.param(value);
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers {@code module} as a child under {@code name}; its parameters appear as {@code name.*}.
     *
     * @throws IllegalArgumentException if the name is empty, contains a dot, or is already taken
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module: name '" + name + "' must be non-empty and contain no dot");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("module: name '" + name + "' is already registered in "
                    + getClass().getSimpleName());
        }
    }

    /**
     * Every distinct parameter of this module and its children, by dotted name, in registration
     * order. A parameter reached twice (a shared module) appears once, under its first name.
     */
    public final Map<String, Variable> namedParameters() {
        Map<String, Variable> distinct = new LinkedHashMap<>();
        // By identity, not equals: two parameters with equal values are still two parameters.
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        allNamedParameters().forEach((name, p) -> {
            if (seen.add(p)) {
                distinct.put(name, p);
            }
        });
        return distinct;
    }

    /** Every parameter under every name that reaches it, shared ones repeated: the keys of a state dict. */
    private Map<String, Variable> allNamedParameters() {
        Map<String, Variable> all = new LinkedHashMap<>();
        collect("", all);
        return all;
    }

    private void collect(String prefix, Map<String, Variable> into) {
        parameters.forEach((name, p) -> into.put(prefix + name, p));
        children.forEach((name, child) -> child.collect(prefix + name + ".", into));
    }

    /** Every distinct parameter, in the order of {@link #namedParameters()}: what an optimizer takes. */
    public final List<Variable> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The total number of elements of the distinct {@link #parameters()}, shared ones counted once. */
    public final long numParameters() {
        long total = 0;
        for (Variable p : parameters()) {
            total += p.data().numel();
        }
        return total;
    }

    /** The direct children by name, in registration order; unmodifiable. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /**
     * Parameter values by dotted name; the tensors are shared with the module, not copied. A
     * shared parameter appears under each of its names, as in PyTorch's {@code state_dict}.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        allNamedParameters().forEach((name, p) -> state.put(name, p.data()));
        return state;
    }

    /**
     * Copies values into the parameters by name (converting dtype if needed). The names are those
     * of {@link #stateDict()}, every name of a shared parameter included. Nothing is written
     * unless every name matches and every shape agrees.
     *
     * @return no missing and no unexpected keys (returned for symmetry with the non-strict form)
     * @throws IllegalArgumentException naming the missing, unexpected and mis-shaped tensors
     */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies values into the parameters by name, as PyTorch's {@code load_state_dict(strict)}.
     * Strict, it is {@link #loadStateDict(Map)}. Not strict, it loads the names both sides have,
     * leaves the module's other parameters as they were, and returns the names that did not
     * match; a name on both sides with different shapes is still an error, as in PyTorch. On any
     * error nothing is written.
     *
     * @return the module's names missing from the state and the state's names the module lacks
     * @throws IllegalArgumentException naming the mis-shaped tensors, and when strict, the missing
     *     and unexpected ones
     */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Variable> own = allNamedParameters();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, Variable> e : own.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(given.shape(), e.getValue().shape())) {
                misShaped.add(e.getKey() + ": checkpoint has " + Shape.format(given.shape()) + ", module has "
                        + Shape.format(e.getValue().shape()));
            }
        }
        for (String name : state.keySet()) {
            if (!own.containsKey(name)) {
                unexpected.add(name);
            }
        }
        boolean keysMismatch = strict && (!missing.isEmpty() || !unexpected.isEmpty());
        if (keysMismatch || !misShaped.isEmpty()) {
            StringBuilder message = new StringBuilder("loadStateDict: state does not match " + getClass().getSimpleName());
            if (strict && !missing.isEmpty()) {
                message.append("; missing keys ").append(missing);
            }
            if (strict && !unexpected.isEmpty()) {
                message.append("; unexpected keys ").append(unexpected);
            }
            if (!misShaped.isEmpty()) {
                message.append("; shape mismatch ").append(misShaped);
            }
            throw new IllegalArgumentException(message.toString());
        }
        own.forEach((name, p) -> {
            Tensor given = state.get(name);
            if (given != null) {
                p.data().copyFrom(given);
            }
        });
        return new IncompatibleKeys(missing, unexpected);
    }

    /** Switches this module and its children to training (true) or evaluation (false) mode; returns this. */
    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(child -> child.train(mode));
        return this;
    }

    /** Training mode (dropout active); returns this. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode (dropout off); returns this. */
    public final Module eval() {
        return train(false);
    }

    /** Whether the module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        // Every name, without parameters()'s de-duplication: clearing a shared parameter twice is harmless.
        allNamedParameters().values().forEach(Variable::zeroGrad);
    }

    /**
     * A summary in PyTorch's style: the class name with {@link #describe()} in parentheses for a
     * leaf, and for a container each child on its own line, indented, under its name:
     * <pre>
     * Sequential(
     *   (0): Linear(in=4, out=4, bias=true)
     *   (1): ReLU()
     * )
     * </pre>
     */
    @Override
    public String toString() {
        String name = getClass().getSimpleName().isEmpty() ? "Module" : getClass().getSimpleName();
        String description = describe();
        if (children.isEmpty()) {
            return name + "(" + description + ")";
        }
        StringBuilder text = new StringBuilder(name).append("(");
        if (!description.isEmpty()) {
            text.append("\n  ").append(description);
        }
        // A child's own lines are indented one level further, so nesting reads as a tree.
        children.forEach((childName, child) ->
                text.append("\n  (").append(childName).append("): ").append(child.toString().replace("\n", "\n  ")));
        return text.append("\n)").toString();
    }

    /** The module's settings on one line, e.g. {@code "in=4, out=4, bias=true"}; empty by default. */
    protected String describe() {
        return "";
    }
}
