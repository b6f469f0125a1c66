package io.mooring.server.servicebinding;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.AccountService;
import io.mooring.server.account.Principal;
import io.mooring.server.account.Subaccount;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.crypto.SecretBox;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.BoundService;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service instances and bindings of the caller's subaccounts. A binding's secret is kept twice: hashed, to check it
 * at the token endpoint, and sealed, so that administrators can fetch the binding again as SAP lets them.
 */
@Service
public class ServiceInstances {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String NAME_RULE =
            "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final String CLIENT_PREFIX = "sb-";

    private final ServiceBindingStore store;
    private final AccountService accounts;
    private final BindingCredentials credentials;
    private final SecretBox secretBox;
    private final Secrets secrets;
    private final List<ServiceInstanceListener> listeners;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    ServiceInstances(
            ServiceBindingStore store,
            AccountService accounts,
            BindingCredentials credentials,
            SecretBox secretBox,
            Secrets secrets,
            List<ServiceInstanceListener> listeners,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.accounts = requireNonNull(accounts, "accounts");
        this.credentials = requireNonNull(credentials, "credentials");
        this.secretBox = requireNonNull(secretBox, "secretBox");
        this.secrets = requireNonNull(secrets, "secrets");
        this.listeners = List.copyOf(listeners);
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    public ServiceInstance createInstance(Caller caller, UUID subaccountId, ServiceRequests.NewInstance request) {
        Subaccount subaccount = accounts.subaccount(caller, subaccountId);
        String name = Inputs.matching(Inputs.required(request.name(), "name", 100), "name", NAME, NAME_RULE);
        if (request.offering() == null) {
            throw MooringProblem.invalidInput("Field 'offering' is required: 'destination' or 'connectivity'.");
        }
        if (request.plan() != null && !request.plan().equals(ServiceOffering.PLAN)) {
            throw MooringProblem.invalidInput(
                    "Plan '" + request.plan() + "' does not exist; the only plan is '" + ServiceOffering.PLAN + "'.");
        }
        if (store.instanceNameTaken(subaccount.id(), name)) {
            throw MooringProblem.of(
                    ProblemType.NAME_TAKEN,
                    "The subaccount already has a service instance named '" + name + "'; choose another name.");
        }
        var instance = new ServiceInstance(
                ids.newId(), caller.globalAccountId(), subaccount.id(), request.offering(), name, clock.instant());
        store.insertInstance(instance);
        auditLog.changed(
                caller, "service-instance.create", "service-instance", instance.id(), instance.offering() + " " + name);
        return instance;
    }

    @Transactional(readOnly = true)
    public List<ServiceInstance> instances(Caller caller, UUID subaccountId) {
        return store.instances(accounts.subaccount(caller, subaccountId).id());
    }

    @Transactional(readOnly = true)
    public ServiceInstance instance(Caller caller, UUID subaccountId, UUID instanceId) {
        return instanceIn(accounts.subaccount(caller, subaccountId), instanceId);
    }

    private ServiceInstance instanceIn(Subaccount subaccount, UUID instanceId) {
        return store.instance(subaccount.id(), instanceId)
                .orElseThrow(() -> MooringProblem.notFound("Service instance", instanceId));
    }

    /** Deletes an instance without bindings, and with it everything it owns (its destinations and certificates). */
    @Transactional
    public void deleteInstance(Caller caller, UUID subaccountId, UUID instanceId) {
        ServiceInstance instance = instance(caller, subaccountId, instanceId);
        List<ServiceBinding> bindings = store.bindings(instanceId);
        if (!bindings.isEmpty()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "Service instance '" + instance.name() + "' still has bindings "
                                    + bindings.stream()
                                            .map(ServiceBinding::name)
                                            .toList()
                                    + "; delete them first.")
                    .with(
                            "bindings",
                            bindings.stream().map(ServiceBinding::name).toList());
        }
        listeners.forEach(listener -> listener.instanceDeleted(instance));
        store.deleteInstance(instanceId);
        auditLog.changed(caller, "service-instance.delete", "service-instance", instanceId, instance.name());
    }

    /** A new binding with fresh credentials, returned with them. */
    @Transactional
    public BindingView createBinding(
            Caller caller, UUID subaccountId, UUID instanceId, ServiceRequests.NewBinding request) {
        Subaccount subaccount = accounts.subaccount(caller, subaccountId);
        ServiceInstance instance = instanceIn(subaccount, instanceId);
        String name = Inputs.matching(Inputs.required(request.name(), "name", 100), "name", NAME, NAME_RULE);
        if (store.bindingNameTaken(instanceId, name)) {
            throw MooringProblem.of(
                    ProblemType.NAME_TAKEN,
                    "Service instance '" + instance.name() + "' already has a binding named '" + name
                            + "'; choose another name.");
        }
        UUID id = ids.newId();
        var binding = new ServiceBinding(id, instanceId, name, CLIENT_PREFIX + id, clock.instant());
        String secret = secrets.newSecret("");
        store.insertBinding(binding, Secrets.hash(secret), secretBox.sealText(secret, secretContext(id)));
        auditLog.changed(caller, "service-binding.create", "service-binding", id, instance.name() + "/" + name);
        return view(binding, credentials.of(instance, binding, subaccount.subdomain(), secret));
    }

    @Transactional(readOnly = true)
    public List<BindingView> bindings(Caller caller, UUID subaccountId, UUID instanceId) {
        instance(caller, subaccountId, instanceId);
        return store.bindings(instanceId).stream()
                .map(binding -> view(binding, null))
                .toList();
    }

    @Transactional(readOnly = true)
    public BindingView binding(Caller caller, UUID subaccountId, UUID instanceId, UUID bindingId) {
        BoundBinding bound = bound(caller, subaccountId, instanceId, bindingId);
        return view(bound.binding(), bound.credentials());
    }

    @Transactional(readOnly = true)
    public Map<String, Object> vcapServices(Caller caller, UUID subaccountId, UUID instanceId, UUID bindingId) {
        BoundBinding bound = bound(caller, subaccountId, instanceId, bindingId);
        return BindingExports.vcapServices(bound.instance(), bound.binding(), bound.credentials());
    }

    @Transactional(readOnly = true)
    public Map<String, String> bindingRoot(Caller caller, UUID subaccountId, UUID instanceId, UUID bindingId) {
        BoundBinding bound = bound(caller, subaccountId, instanceId, bindingId);
        return BindingExports.bindingRoot(bound.instance(), bound.binding(), bound.credentials());
    }

    @Transactional
    public void deleteBinding(Caller caller, UUID subaccountId, UUID instanceId, UUID bindingId) {
        ServiceInstance instance = instance(caller, subaccountId, instanceId);
        ServiceBinding binding = store.binding(instanceId, bindingId)
                .orElseThrow(() -> MooringProblem.notFound("Service binding", bindingId));
        store.deleteBinding(bindingId);
        auditLog.changed(
                caller, "service-binding.delete", "service-binding", bindingId, instance.name() + "/" + binding.name());
    }

    /** Whether a client id is a binding's; such clients authenticate here, not among API clients. */
    public static boolean isBindingClient(String clientId) {
        return clientId.startsWith(CLIENT_PREFIX);
    }

    /** The binding with this client id and secret, as the principal its tokens speak for. */
    @Transactional(readOnly = true)
    public Optional<Principal> authenticate(String clientId, String secret) {
        return store.client(clientId)
                .filter(client -> Secrets.matches(secret, client.secretHash()))
                .map(client -> new Principal(
                        clientId,
                        clientId,
                        Caller.PrincipalType.SERVICE_BINDING,
                        client.globalAccountId(),
                        Set.of(),
                        binding(client)));
    }

    private static Principal.Binding binding(ServiceBindingStore.BindingClient client) {
        return new Principal.Binding(
                client.clientId(),
                new BoundService(
                        client.subaccountId(),
                        client.instanceId(),
                        client.offering().label()),
                client.subdomain());
    }

    private BoundBinding bound(Caller caller, UUID subaccountId, UUID instanceId, UUID bindingId) {
        Subaccount subaccount = accounts.subaccount(caller, subaccountId);
        ServiceInstance instance = instanceIn(subaccount, instanceId);
        ServiceBinding binding = store.binding(instanceId, bindingId)
                .orElseThrow(() -> MooringProblem.notFound("Service binding", bindingId));
        String secret = secretBox.openText(store.sealedSecret(bindingId).orElseThrow(), secretContext(bindingId));
        return new BoundBinding(instance, binding, credentials.of(instance, binding, subaccount.subdomain(), secret));
    }

    static String secretContext(UUID bindingId) {
        return "service-binding:" + bindingId;
    }

    private static BindingView view(ServiceBinding binding, @Nullable Map<String, Object> credentials) {
        return new BindingView(
                binding.id(),
                binding.name(),
                binding.instanceId(),
                binding.clientId(),
                binding.createdAt(),
                credentials);
    }

    private record BoundBinding(ServiceInstance instance, ServiceBinding binding, Map<String, Object> credentials) {}
}
