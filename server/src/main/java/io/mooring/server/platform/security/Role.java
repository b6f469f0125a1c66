package io.mooring.server.platform.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mooring.server.platform.problem.MooringProblem;
import java.util.Arrays;
import java.util.Optional;

/** The role collections a user or API client can hold; each grants the access its name says. */
public enum Role {
    GLOBAL_ACCOUNT_ADMINISTRATOR("Global Account Administrator"),
    SYSTEM_LANDSCAPE_ADMINISTRATOR("System Landscape Administrator"),
    SUBACCOUNT_ADMINISTRATOR("Subaccount Administrator"),
    DESTINATION_ADMINISTRATOR("Destination Administrator"),
    DESTINATION_VIEWER("Destination Viewer"),
    CLOUD_CONNECTOR_ADMINISTRATOR("Cloud Connector Administrator"),
    VIEWER("Viewer"),
    /** Operates the Mooring installation: creates global accounts and rotates signing keys, sees no account data. */
    PLATFORM_OPERATOR("Platform Operator");

    private static final String SCOPE_PREFIX = "mooring.";

    private final String displayName;
    private final String scope;

    Role(String displayName) {
        this.displayName = displayName;
        this.scope = SCOPE_PREFIX + displayName.replace(" ", "");
    }

    @JsonValue
    public String displayName() {
        return displayName;
    }

    /** The OAuth scope that carries this role collection in Mooring's tokens. */
    public String scope() {
        return scope;
    }

    public static Optional<Role> fromScope(String scope) {
        return Arrays.stream(values()).filter(role -> role.scope.equals(scope)).findFirst();
    }

    @JsonCreator
    public static Role fromDisplayName(String name) {
        return Arrays.stream(values())
                .filter(role ->
                        role.displayName.equalsIgnoreCase(name) || role.name().equals(name))
                .findFirst()
                .orElseThrow(() -> MooringProblem.invalidInput(
                        "'" + name + "' is not a role collection; use one of " + Arrays.toString(values()) + "."));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
