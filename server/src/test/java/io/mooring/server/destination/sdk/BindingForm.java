package io.mooring.server.destination.sdk;

import com.sap.cloud.environment.servicebinding.SapServiceOperatorServiceBindingIoAccessor;
import com.sap.cloud.environment.servicebinding.SapVcapServicesServiceBindingAccessor;
import com.sap.cloud.environment.servicebinding.api.ServiceBindingAccessor;
import io.mooring.server.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two ways an application receives its bindings, each read by the SDK's own parser from what Mooring exports:
 * {@code VCAP_SERVICES} on Cloud Foundry and a {@code SERVICE_BINDING_ROOT} folder on Kubernetes.
 */
enum BindingForm {
    VCAP_SERVICES {
        @Override
        ServiceBindingAccessor accessor(List<Export> exports, Path directory) {
            ObjectNode vcapServices = Api.JSON.createObjectNode();
            for (Export export : exports) {
                export.vcapServices().properties().forEach(entry -> {
                    if (vcapServices.has(entry.getKey())) {
                        throw new IllegalStateException("Two exports of offering " + entry.getKey());
                    }
                    vcapServices.set(entry.getKey(), entry.getValue());
                });
            }
            String json = Api.JSON.writeValueAsString(vcapServices);
            return new SapVcapServicesServiceBindingAccessor(Map.of("VCAP_SERVICES", json)::get);
        }
    },
    SERVICE_BINDING_ROOT {
        @Override
        ServiceBindingAccessor accessor(List<Export> exports, Path directory) {
            for (Export export : exports) {
                export.bindingRoot().path("files").properties().forEach(file -> write(directory, file));
            }
            return new SapServiceOperatorServiceBindingIoAccessor(
                    Map.of("SERVICE_BINDING_ROOT", directory.toString())::get, StandardCharsets.UTF_8);
        }

        private static void write(Path directory, Map.Entry<String, JsonNode> file) {
            Path target = directory.resolve(file.getKey()).normalize();
            if (!target.startsWith(directory)) {
                throw new IllegalStateException("Exported file outside the binding root: " + file.getKey());
            }
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue().asString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** The SDK's accessor for these bindings; {@code directory} is an empty folder it may write into. */
    abstract ServiceBindingAccessor accessor(List<Export> exports, Path directory);

    /** One binding as Mooring exports it, both ways. */
    record Export(JsonNode vcapServices, JsonNode bindingRoot) {}
}
