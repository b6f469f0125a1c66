package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** SAP's system types, plus the custom types each global account defines. */
@Service
public class SystemTypeCatalog {
    public static final String S4HANA_CLOUD = "S4HANA_CLOUD";
    public static final String ALL_COMMUNICATION_SCENARIOS = "All Communication Scenarios";

    private static final Set<Environment> BOTH = EnumSet.allOf(Environment.class);
    private static final Set<Environment> KYMA = EnumSet.of(Environment.KYMA);
    private static final List<SystemType> BUILT_IN = List.of(
            new SystemType(S4HANA_CLOUD, "SAP S/4HANA Cloud", BOTH, true, true, false),
            new SystemType("MARKETING_CLOUD", "SAP Marketing Cloud", BOTH, true, false, false),
            new SystemType("SUCCESSFACTORS", "SAP SuccessFactors", BOTH, true, false, false),
            new SystemType("COMMERCE_CLOUD", "SAP Commerce Cloud", KYMA, false, false, false),
            new SystemType("CLOUD_FOR_CUSTOMER", "SAP Cloud for Customer", KYMA, false, false, false),
            new SystemType("FIELD_SERVICE_MANAGEMENT", "SAP Field Service Management", KYMA, false, false, false),
            new SystemType(
                    "TASK_CENTER", "SAP Task Center", EnumSet.of(Environment.CLOUD_FOUNDRY), false, false, false));
    private static final Pattern CUSTOM_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private final SystemStore store;
    private final AuditLog auditLog;
    private final Clock clock;

    SystemTypeCatalog(SystemStore store, AuditLog auditLog, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional(readOnly = true)
    public List<SystemType> types(UUID globalAccountId) {
        List<SystemType> all = new ArrayList<>(BUILT_IN);
        all.addAll(store.customTypes(globalAccountId));
        return all;
    }

    /** The type with this code in the account; an unknown code is refused with the list of known ones. */
    @Transactional(readOnly = true)
    public SystemType type(UUID globalAccountId, String code) {
        return find(globalAccountId, code)
                .orElseThrow(() -> MooringProblem.invalidInput("System type '" + code + "' does not exist; use one of "
                        + types(globalAccountId).stream().map(SystemType::code).toList()
                        + " or define a custom type first."));
    }

    @Transactional(readOnly = true)
    public Optional<SystemType> find(UUID globalAccountId, String code) {
        return BUILT_IN.stream()
                .filter(type -> type.code().equals(code))
                .findFirst()
                .or(() -> store.customType(globalAccountId, code));
    }

    @Transactional
    public SystemType defineCustomType(Caller caller, SystemRequests.NewSystemType request) {
        String code = Inputs.matching(
                Inputs.required(request.code(), "code", 64),
                "code",
                CUSTOM_CODE,
                "2 to 64 upper-case letters, digits or underscores, starting with a letter");
        if (find(caller.globalAccountId(), code).isPresent()) {
            throw MooringProblem.of(
                    ProblemType.NAME_TAKEN, "System type '" + code + "' already exists; choose " + "another code.");
        }
        Set<Environment> environments =
                request.environments() == null || request.environments().isEmpty()
                        ? EnumSet.allOf(Environment.class)
                        : EnumSet.copyOf(request.environments());
        SystemType type = new SystemType(
                code,
                Inputs.printableAscii(Inputs.required(request.displayName(), "displayName", 255), "displayName"),
                environments,
                Boolean.TRUE.equals(request.pairingRequiredForFormation()),
                false,
                true);
        store.insertCustomType(caller.globalAccountId(), type, clock.instant());
        auditLog.changed(caller, "system-type.create", "system-type", code, type.displayName());
        return type;
    }

    @Transactional
    public void deleteCustomType(Caller caller, String code) {
        SystemType type = store.customType(caller.globalAccountId(), code)
                .orElseThrow(() -> MooringProblem.notFound("Custom system type", code));
        long inUse = store.countOfType(caller.globalAccountId(), type.code());
        if (inUse > 0) {
            throw MooringProblem.of(
                    ProblemType.INVALID_STATE,
                    inUse + " systems are of type '" + code + "'; deregister them before deleting the type.");
        }
        store.deleteCustomType(caller.globalAccountId(), code);
        auditLog.changed(caller, "system-type.delete", "system-type", code, null);
    }
}
