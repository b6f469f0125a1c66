package io.mooring.server.servicebinding;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mooring.server.platform.problem.MooringProblem;
import java.util.Arrays;
import java.util.List;

/** The services whose instances a subaccount can hold, named and tagged as SAP's service broker names them. */
public enum ServiceOffering {
    DESTINATION("destination", List.of("destination", "conn", "connsvc")),
    CONNECTIVITY("connectivity", List.of("connectivity", "conn", "connsvc"));

    /** Both offerings have one plan, named as SAP's. */
    public static final String PLAN = "lite";

    private final String label;
    private final List<String> tags;

    ServiceOffering(String label, List<String> tags) {
        this.label = label;
        this.tags = tags;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public List<String> tags() {
        return tags;
    }

    @JsonCreator
    public static ServiceOffering fromLabel(String label) {
        return Arrays.stream(values())
                .filter(offering -> offering.label.equals(label))
                .findFirst()
                .orElseThrow(() -> MooringProblem.invalidInput(
                        "Service '" + label + "' is not offered; use 'destination' or 'connectivity'."));
    }
}
