package dev.tensorgrad.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code ./tensorgrad}: a command, its arguments and the options.
 *
 * <p>Options may come before or after the command and take their value as the next word or after
 * '=': {@code --seed 3} or {@code --seed=3}. No words at all means {@code run all}.
 *
 * @param command  {@code list}, {@code run}, {@code predict-name} or {@code help}
 * @param args     the command's arguments: experiment names for {@code run}, surnames for {@code predict-name}
 * @param seed     {@code --seed N}, default 0
 * @param outDir   {@code --out DIR}, default {@code reports}
 * @param quick    {@code --quick}: small sizes
 * @param dataDir  {@code --data DIR}, default {@code data}
 * @param mnistDir {@code --mnist DIR}, default {@code <data>/mnist}
 */
public record CommandLine(String command, List<String> args, long seed, Path outDir, boolean quick,
                          Path dataDir, Path mnistDir) {

    /** The commands, for help and error messages. */
    public static final List<String> COMMANDS = List.of("list", "run", "predict-name", "help");

    /** The options, for error messages. */
    public static final List<String> OPTIONS = List.of("--seed", "--out", "--quick", "--data", "--mnist");

    /** The usage text printed by {@code help}. */
    public static final String USAGE = """
            usage: ./tensorgrad [COMMAND] [OPTIONS]

            commands:
              list                 list the experiments
              run NAME...          run the named experiments; `run all` runs every one
              predict-name NAME... top 3 languages of origin for each surname (after `run names`)
              help                 print this text
            With no command, runs every experiment (`run all`).

            options:
              --seed N       seed for every random choice (default 0); the same seed gives the same metrics
              --out DIR      where reports go (default reports); each experiment writes DIR/NAME/
              --quick        small sizes, seconds per experiment (used by the tests)
              --data DIR     folder with names/ and mnist/ (default data)
              --mnist DIR    folder of MNIST-format idx files (default DATA/mnist), e.g. Fashion-MNIST
            """;

    /**
     * Parses the words after {@code ./tensorgrad}.
     *
     * @throws IllegalArgumentException for an unknown command or option, a missing or malformed
     *                                  option value, or a command without the arguments it needs
     */
    public static CommandLine parse(String... words) {
        List<String> positional = new ArrayList<>();
        long seed = 0;
        Path out = Path.of("reports");
        boolean quick = false;
        Path data = Path.of("data");
        Path mnist = null;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (!word.startsWith("--")) {
                positional.add(word);
                continue;
            }
            int eq = word.indexOf('=');
            String option = eq < 0 ? word : word.substring(0, eq);
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException(
                        "unknown option " + option + "; options are " + String.join(", ", OPTIONS));
            }
            if (option.equals("--quick")) {
                if (eq >= 0) {
                    throw new IllegalArgumentException("--quick takes no value");
                }
                quick = true;
                continue;
            }
            String value;
            if (eq >= 0) {
                value = word.substring(eq + 1);
            } else if (i + 1 < words.length) {
                value = words[++i];
            } else {
                throw new IllegalArgumentException(option + " needs a value");
            }
            switch (option) {
                case "--seed" -> seed = parseSeed(value);
                case "--out" -> out = Path.of(value);
                case "--data" -> data = Path.of(value);
                case "--mnist" -> mnist = Path.of(value);
                default -> throw new IllegalStateException("unhandled option " + option);
            }
        }
        if (positional.isEmpty()) {
            positional = List.of("run", "all");
        }
        String command = positional.getFirst();
        List<String> args = List.copyOf(positional.subList(1, positional.size()));
        switch (command) {
            case "run" -> requireArgs(command, args, "name experiments to run, or `all`");
            case "predict-name" -> requireArgs(command, args, "give a surname, e.g. `predict-name Dostoevsky`");
            case "list", "help" -> {
                if (!args.isEmpty()) {
                    throw new IllegalArgumentException(command + " takes no arguments, got " + args);
                }
            }
            default -> throw new IllegalArgumentException(
                    "unknown command '" + command + "'; commands are " + String.join(", ", COMMANDS));
        }
        return new CommandLine(command, args, seed, out, quick, data, mnist != null ? mnist : data.resolve("mnist"));
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed needs an integer, got '" + value + "'");
        }
    }

    private static void requireArgs(String command, List<String> args, String hint) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(command + ": " + hint);
        }
    }
}
