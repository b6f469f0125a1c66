package io.mooring.server.servicebinding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A binding written out the two ways applications read bindings: the {@code VCAP_SERVICES} variable of Cloud
 * Foundry, and the {@code SERVICE_BINDING_ROOT} folder of SAP's service operator on Kubernetes (one folder per
 * binding with a {@code .metadata} file that says which files are metadata and which are credentials).
 */
final class BindingExports {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BindingExports() {}

    static Map<String, Object> vcapServices(
            ServiceInstance instance, ServiceBinding binding, Map<String, Object> credentials) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", instance.name());
        entry.put("instance_name", instance.name());
        entry.put("instance_guid", instance.id().toString());
        entry.put("binding_name", binding.name());
        entry.put("binding_guid", binding.id().toString());
        entry.put("label", instance.offering().label());
        entry.put("plan", instance.plan());
        entry.put("tags", instance.offering().tags());
        entry.put("credentials", credentials);
        return Map.of(instance.offering().label(), List.of(entry));
    }

    /** File name (relative to {@code SERVICE_BINDING_ROOT}) to file content. */
    static Map<String, String> bindingRoot(
            ServiceInstance instance, ServiceBinding binding, Map<String, Object> credentials) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("type", instance.offering().label());
        metadata.put("label", instance.offering().label());
        metadata.put("plan", instance.plan());
        metadata.put("instance_name", instance.name());
        metadata.put("instance_guid", instance.id().toString());
        Map<String, String> files = new LinkedHashMap<>();
        String folder = binding.name() + "/";
        List<Map<String, String>> metadataProperties = new ArrayList<>();
        metadata.forEach((name, value) -> {
            files.put(folder + name, value);
            metadataProperties.add(Map.of("name", name, "format", "text"));
        });
        files.put(folder + "tags", JSON.writeValueAsString(instance.offering().tags()));
        metadataProperties.add(Map.of("name", "tags", "format", "json"));
        List<Map<String, String>> credentialProperties = new ArrayList<>();
        credentials.forEach((name, value) -> {
            files.put(folder + name, String.valueOf(value));
            credentialProperties.add(Map.of("name", name, "format", "text"));
        });
        files.put(
                folder + ".metadata",
                JSON.writeValueAsString(Map.of(
                        "metaDataProperties", metadataProperties, "credentialProperties", credentialProperties)));
        return files;
    }
}
