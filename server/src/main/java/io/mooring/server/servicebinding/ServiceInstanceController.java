package io.mooring.server.servicebinding;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.ManagesDestinations;
import io.mooring.server.platform.security.ReadsDestinations;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service instances of a subaccount and their bindings. Credentials are shown only to those who may create
 * bindings: at creation, and again on request as the binding, as {@code VCAP_SERVICES} or as binding files.
 */
@RestController
@RequestMapping("/api/v1/subaccounts/{subaccountId}/service-instances")
class ServiceInstanceController {
    private final ServiceInstances instances;

    ServiceInstanceController(ServiceInstances instances) {
        this.instances = requireNonNull(instances, "instances");
    }

    @PostMapping
    @ManagesDestinations
    ResponseEntity<ServiceInstance> create(
            Caller caller, @PathVariable UUID subaccountId, @RequestBody ServiceRequests.NewInstance request) {
        ServiceInstance instance = instances.createInstance(caller, subaccountId, request);
        return ResponseEntity.created(
                        URI.create("/api/v1/subaccounts/" + subaccountId + "/service-instances/" + instance.id()))
                .body(instance);
    }

    @GetMapping
    @ReadsDestinations
    List<ServiceInstance> list(Caller caller, @PathVariable UUID subaccountId) {
        return instances.instances(caller, subaccountId);
    }

    @GetMapping("/{instanceId}")
    @ReadsDestinations
    ServiceInstance get(Caller caller, @PathVariable UUID subaccountId, @PathVariable UUID instanceId) {
        return instances.instance(caller, subaccountId, instanceId);
    }

    @DeleteMapping("/{instanceId}")
    @ManagesDestinations
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID subaccountId, @PathVariable UUID instanceId) {
        instances.deleteInstance(caller, subaccountId, instanceId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{instanceId}/bindings")
    @ManagesDestinations
    ResponseEntity<BindingView> createBinding(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable UUID instanceId,
            @RequestBody ServiceRequests.NewBinding request) {
        BindingView binding = instances.createBinding(caller, subaccountId, instanceId, request);
        return ResponseEntity.created(URI.create("/api/v1/subaccounts/" + subaccountId + "/service-instances/"
                        + instanceId + "/bindings/" + binding.id()))
                .body(binding);
    }

    @GetMapping("/{instanceId}/bindings")
    @ReadsDestinations
    List<BindingView> bindings(Caller caller, @PathVariable UUID subaccountId, @PathVariable UUID instanceId) {
        return instances.bindings(caller, subaccountId, instanceId);
    }

    @GetMapping("/{instanceId}/bindings/{bindingId}")
    @ManagesDestinations
    BindingView binding(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable UUID instanceId,
            @PathVariable UUID bindingId) {
        return instances.binding(caller, subaccountId, instanceId, bindingId);
    }

    /** The binding as the {@code VCAP_SERVICES} environment variable of an application bound to it alone. */
    @GetMapping("/{instanceId}/bindings/{bindingId}/vcap-services")
    @ManagesDestinations
    Map<String, Object> vcapServices(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable UUID instanceId,
            @PathVariable UUID bindingId) {
        return instances.vcapServices(caller, subaccountId, instanceId, bindingId);
    }

    /**
     * The binding as files under {@code SERVICE_BINDING_ROOT}: {@code files} maps each path, relative to that
     * folder, to its content.
     */
    @GetMapping("/{instanceId}/bindings/{bindingId}/binding-root")
    @ManagesDestinations
    Map<String, Object> bindingRoot(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable UUID instanceId,
            @PathVariable UUID bindingId) {
        return Map.of("files", instances.bindingRoot(caller, subaccountId, instanceId, bindingId));
    }

    @DeleteMapping("/{instanceId}/bindings/{bindingId}")
    @ManagesDestinations
    ResponseEntity<Void> deleteBinding(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable UUID instanceId,
            @PathVariable UUID bindingId) {
        instances.deleteBinding(caller, subaccountId, instanceId, bindingId);
        return ResponseEntity.noContent().build();
    }
}
