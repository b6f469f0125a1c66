package io.mooring.server.landscape.formation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mooring.server.platform.problem.MooringProblem;
import java.util.regex.Pattern;

/** What joining a formation of a type does to a system, beyond the notifications every change sends. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(
            value = FormationEffect.EnableCommunicationScenario.class,
            name = "enable-communication-scenario")
})
public sealed interface FormationEffect {
    /** The system type the effect applies to. */
    String systemType();

    /**
     * A system of this type that joins gets the communication scenario enabled (its notification asks for it, and
     * its assignment shows it); when it leaves, the scenario is disabled again.
     */
    record EnableCommunicationScenario(String systemType, String scenario) implements FormationEffect {
        private static final Pattern SCENARIO = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

        public EnableCommunicationScenario {
            if (systemType == null || systemType.isBlank()) {
                throw MooringProblem.invalidInput("The effect's 'systemType' is required.");
            }
            if (scenario == null || !SCENARIO.matcher(scenario).matches()) {
                throw MooringProblem.invalidInput("The effect's 'scenario' must be a communication scenario ID such "
                        + "as SAP_COM_0501: upper-case letters, digits and underscores.");
            }
        }
    }
}
