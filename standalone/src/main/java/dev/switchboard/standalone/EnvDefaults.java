package dev.switchboard.standalone;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from the environment: option {@code --foo-bar} reads {@code SWITCHBOARD_FOO_BAR}. A value on
 * the command line wins over the environment, which wins over the built-in default. The map is given,
 * not read from {@link System#getenv()} here, so tests can pass their own.
 */
final class EnvDefaults implements IDefaultValueProvider {
    static final String PREFIX = "SWITCHBOARD_";

    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The variable that sets {@code --long-name}. */
    static String variable(String longName) {
        return PREFIX + longName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = env.get(variable(option.longestName()));
            return value == null || value.isEmpty() ? null : value;
        }
        return null;
    }
}
