package io.mooring.server.landscape.system;

import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.validation.Inputs;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of the fields a system is registered, changed or discovered with. */
final class SystemFields {
    static final int MAX_LABELS = 64;
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");

    private SystemFields() {}

    static String name(@Nullable String name) {
        return Inputs.printableAscii(Inputs.required(name, "name", 255), "name");
    }

    static @Nullable String description(@Nullable String description) {
        return Inputs.optional(description, "description", 2000);
    }

    static Map<String, String> labels(@Nullable Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > MAX_LABELS) {
            throw MooringProblem.invalidInput(
                    "A system has at most " + MAX_LABELS + " labels; " + labels.size() + " were given.");
        }
        Map<String, String> checked = new TreeMap<>();
        labels.forEach((key, value) -> {
            Inputs.matching(key, "labels", LABEL_KEY, "keyed by letters, digits and . _ / - (at most 128)");
            checked.put(key, Inputs.required(value, "labels." + key, 1024));
        });
        return checked;
    }

    /** The scenario group: required for types that have them (defaulting to all scenarios), refused for others. */
    static @Nullable String scenarioGroup(SystemType type, @Nullable String group) {
        String trimmed = Inputs.optional(group, "communicationScenarioGroup", 255);
        if (!type.scenarioGroups()) {
            if (trimmed != null) {
                throw MooringProblem.invalidInput("Systems of type '" + type.code() + "' have no communication "
                        + "scenario groups; remove 'communicationScenarioGroup'.");
            }
            return null;
        }
        return trimmed == null
                ? SystemTypeCatalog.ALL_COMMUNICATION_SCENARIOS
                : Inputs.printableAscii(trimmed, "communicationScenarioGroup");
    }
}
