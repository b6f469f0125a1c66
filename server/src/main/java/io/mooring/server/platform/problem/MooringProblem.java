package io.mooring.server.platform.problem;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that reaches the caller as RFC 9457 problem details; its detail tells the caller what to do.
 */
public final class MooringProblem extends RuntimeException {
    private final ProblemType problemType;
    private final Map<String, Object> properties;

    private MooringProblem(ProblemType problemType, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.problemType = requireNonNull(problemType, "problemType");
        this.properties = Map.copyOf(properties);
    }

    public static MooringProblem of(ProblemType problemType, String detail) {
        return new MooringProblem(problemType, detail, Map.of());
    }

    public static MooringProblem invalidInput(String detail) {
        return of(ProblemType.INVALID_INPUT, detail);
    }

    public static MooringProblem notFound(String what, Object id) {
        return of(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist in your global account.");
    }

    /** A copy of this problem that carries one more member in its body. */
    public MooringProblem with(String name, Object value) {
        Map<String, Object> extended = new LinkedHashMap<>(properties);
        extended.put(name, value);
        return new MooringProblem(problemType, getMessage(), extended);
    }

    public ProblemType problemType() {
        return problemType;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
