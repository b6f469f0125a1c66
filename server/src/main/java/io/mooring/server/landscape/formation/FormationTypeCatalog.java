package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.landscape.formation.rule.FormationRule;
import io.mooring.server.landscape.system.SystemType;
import io.mooring.server.landscape.system.SystemTypeCatalog;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SAP's formation types with their rules, plus the custom types each global account defines. */
@Service
public class FormationTypeCatalog {
    public static final String TASK_CENTER_INTEGRATION = "TASK_CENTER_INTEGRATION";
    public static final String TASK_CENTER = "TASK_CENTER";
    public static final String TASK_CENTER_SCENARIO = "SAP_COM_0501";

    private static final int MAX_RULES = 50;
    private static final Pattern CUSTOM_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final TypeReference<List<FormationRule>> RULES = new TypeReference<>() {};
    private static final TypeReference<List<FormationEffect>> EFFECTS = new TypeReference<>() {};
    private static final List<FormationType> BUILT_IN = List.of(
            new FormationType(
                    TASK_CENTER_INTEGRATION,
                    "Integration with SAP Task Center",
                    "Brings the tasks of SAP S/4HANA Cloud into SAP Task Center; joining enables the communication "
                            + "scenario " + TASK_CENTER_SCENARIO + " on the S/4HANA Cloud system.",
                    List.of(
                            new FormationRule.AllowedSystemTypes(List.of(TASK_CENTER, SystemTypeCatalog.S4HANA_CLOUD)),
                            new FormationRule.OneFormationPerSystem(TASK_CENTER),
                            new FormationRule.SystemCount(TASK_CENTER, null, 1),
                            new FormationRule.RequiredScenarioGroup(
                                    SystemTypeCatalog.S4HANA_CLOUD, SystemTypeCatalog.ALL_COMMUNICATION_SCENARIOS),
                            new FormationRule.RegisteredBeforeJoining(List.of())),
                    List.of(new FormationEffect.EnableCommunicationScenario(
                            SystemTypeCatalog.S4HANA_CLOUD, TASK_CENTER_SCENARIO)),
                    false),
            new FormationType(
                    "SIDE_BY_SIDE_KYMA",
                    "Side-by-Side Extensibility with Kyma",
                    "Extends SAP systems with applications in the Kyma runtime, which receives their APIs and events.",
                    List.of(
                            new FormationRule.AllowedSystemTypes(List.of(
                                    SystemTypeCatalog.S4HANA_CLOUD,
                                    "MARKETING_CLOUD",
                                    "SUCCESSFACTORS",
                                    "COMMERCE_CLOUD",
                                    "CLOUD_FOR_CUSTOMER",
                                    "FIELD_SERVICE_MANAGEMENT")),
                            new FormationRule.RegisteredBeforeJoining(List.of())),
                    List.of(),
                    false),
            new FormationType(
                    "SIDE_BY_SIDE_CLOUD_FOUNDRY",
                    "Side-by-Side Extensibility with Cloud Foundry",
                    "Extends SAP systems with applications in the Cloud Foundry runtime.",
                    List.of(
                            new FormationRule.AllowedSystemTypes(
                                    List.of(SystemTypeCatalog.S4HANA_CLOUD, "MARKETING_CLOUD", "SUCCESSFACTORS")),
                            new FormationRule.RegisteredBeforeJoining(List.of())),
                    List.of(),
                    false));

    private final FormationStore store;
    private final SystemTypeCatalog systemTypes;
    private final JsonMapper json;
    private final AuditLog auditLog;
    private final Clock clock;

    FormationTypeCatalog(
            FormationStore store, SystemTypeCatalog systemTypes, JsonMapper json, AuditLog auditLog, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.systemTypes = requireNonNull(systemTypes, "systemTypes");
        this.json = requireNonNull(json, "json");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.clock = requireNonNull(clock, "clock");
    }

    /** SAP's formation types, the same in every account. */
    public static List<FormationType> builtInTypes() {
        return BUILT_IN;
    }

    @Transactional(readOnly = true)
    public List<FormationType> types(UUID globalAccountId) {
        List<FormationType> all = new ArrayList<>(BUILT_IN);
        store.customTypes(globalAccountId).stream().map(this::toType).forEach(all::add);
        return all;
    }

    @Transactional(readOnly = true)
    public Optional<FormationType> find(UUID globalAccountId, String code) {
        return BUILT_IN.stream()
                .filter(type -> type.code().equals(code))
                .findFirst()
                .or(() -> store.customType(globalAccountId, code).map(this::toType));
    }

    /** The type with this code in the account; an unknown code is refused with the list of known ones. */
    @Transactional(readOnly = true)
    public FormationType type(UUID globalAccountId, String code) {
        return find(globalAccountId, code)
                .orElseThrow(() -> MooringProblem.invalidInput("Formation type '" + code + "' does not exist; use one "
                        + "of "
                        + types(globalAccountId).stream()
                                .map(FormationType::code)
                                .toList()
                        + " or define a custom type first."));
    }

    @Transactional
    public FormationType defineCustomType(Caller caller, FormationRequests.NewFormationType request) {
        UUID account = caller.globalAccountId();
        String code = Inputs.matching(
                Inputs.required(request.code(), "code", 64),
                "code",
                CUSTOM_CODE,
                "2 to 64 upper-case letters, digits or underscores, starting with a letter");
        if (find(account, code).isPresent()) {
            throw MooringProblem.of(
                    ProblemType.NAME_TAKEN, "Formation type '" + code + "' already exists; choose another code.");
        }
        List<FormationRule> rules = request.rules() == null ? List.of() : List.copyOf(request.rules());
        List<FormationEffect> effects = request.effects() == null ? List.of() : List.copyOf(request.effects());
        if (rules.size() > MAX_RULES) {
            throw MooringProblem.invalidInput("A formation type has at most " + MAX_RULES + " rules.");
        }
        requireKnownSystemTypes(account, rules, effects);
        FormationType type = new FormationType(
                code,
                Inputs.printableAscii(Inputs.required(request.displayName(), "displayName", 255), "displayName"),
                Inputs.optional(request.description(), "description", 2000),
                rules,
                effects,
                true);
        store.insertCustomType(
                account,
                type,
                json.writerFor(RULES).writeValueAsString(rules),
                json.writerFor(EFFECTS).writeValueAsString(effects),
                clock.instant());
        auditLog.changed(caller, "formation-type.create", "formation-type", code, type.displayName());
        return type;
    }

    @Transactional
    public void deleteCustomType(Caller caller, String code) {
        store.customType(caller.globalAccountId(), code)
                .orElseThrow(() -> MooringProblem.notFound("Custom formation type", code));
        long inUse = store.countOfType(caller.globalAccountId(), code);
        if (inUse > 0) {
            throw MooringProblem.of(
                    ProblemType.INVALID_STATE,
                    inUse + " formations are of type '" + code + "'; delete them before deleting the type.");
        }
        store.deleteCustomType(caller.globalAccountId(), code);
        auditLog.changed(caller, "formation-type.delete", "formation-type", code, null);
    }

    private void requireKnownSystemTypes(UUID account, List<FormationRule> rules, List<FormationEffect> effects) {
        Set<String> referenced = new LinkedHashSet<>();
        rules.forEach(rule -> referenced.addAll(rule.referencedSystemTypes()));
        effects.forEach(effect -> referenced.add(effect.systemType()));
        List<String> known =
                systemTypes.types(account).stream().map(SystemType::code).toList();
        List<String> unknown =
                referenced.stream().filter(code -> !known.contains(code)).toList();
        if (!unknown.isEmpty()) {
            throw MooringProblem.invalidInput("The rules or effects name system types that do not exist: " + unknown
                    + "; use one of " + known + ".");
        }
    }

    private FormationType toType(FormationStore.StoredType stored) {
        return new FormationType(
                stored.code(),
                stored.displayName(),
                stored.description(),
                json.readerFor(RULES).readValue(stored.rules()),
                json.readerFor(EFFECTS).readValue(stored.effects()),
                true);
    }
}
