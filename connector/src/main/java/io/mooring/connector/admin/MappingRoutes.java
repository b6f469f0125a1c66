package io.mooring.connector.admin;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.access.SystemMapping;
import io.mooring.connector.audit.AuditLog;
import io.mooring.connector.config.ConfigurationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code /mappings} and {@code /mappings/{host}:{port}}: the system mappings, each with its resources. */
final class MappingRoutes {
    static final String COLLECTION = "/mappings";
    static final String PREFIX = COLLECTION + "/";

    private static final String EXAMPLE = "{\"virtualHost\": \"erp.internal\", \"virtualPort\": 44300,"
            + " \"internalHost\": \"10.0.0.5\", \"internalPort\": 8000, \"protocol\": \"HTTP\","
            + " \"resources\": [{\"path\": \"/sap/opu/odata\", \"subPaths\": true, \"active\": true}]}";
    private final ConfigurationStore store;
    private final AuditLog audit;

    MappingRoutes(ConfigurationStore store, AuditLog audit) {
        this.store = requireNonNull(store, "store");
        this.audit = requireNonNull(audit, "audit");
    }

    AdminResponse collection(AdminRequest request) {
        return switch (request.method()) {
            case "GET" -> AdminResponse.json(200, store.current().mappings());
            case "PUT" -> replaceAll(request.body());
            case "POST" -> create(request.body());
            default -> throw ApiProblem.methodNotAllowed(COLLECTION, "GET, PUT, POST");
        };
    }

    AdminResponse single(AdminRequest request, String rawKey) {
        String key = parseKey(rawKey);
        return switch (request.method()) {
            case "GET" -> AdminResponse.json(200, find(store.current().mappings(), key));
            case "PUT" -> put(key, request.body());
            case "DELETE" -> delete(key);
            default -> throw ApiProblem.methodNotAllowed(PREFIX + "{host}:{port}", "GET, PUT, DELETE");
        };
    }

    private AdminResponse replaceAll(byte[] body) {
        List<SystemMapping> mappings =
                AdminJson.read(body, json -> json.list(SystemMapping::fromJson), "[" + EXAMPLE + "]");
        store.update(configuration -> configuration.withMappings(mappings));
        audit.configurationChanged("All system mappings replaced; now " + mappings.size() + ": "
                + String.join(", ", mappings.stream().map(SystemMapping::key).toList()));
        return AdminResponse.json(200, store.current().mappings());
    }

    private AdminResponse create(byte[] body) {
        SystemMapping mapping = AdminJson.read(body, SystemMapping::fromJson, EXAMPLE);
        store.update(configuration -> {
            if (indexOf(configuration.mappings(), mapping.key()) >= 0) {
                throw ApiProblem.conflict("A system mapping for " + mapping.key() + " exists already; change it with"
                        + " PUT " + PREFIX + mapping.key() + " or delete it first.");
            }
            List<SystemMapping> mappings = new ArrayList<>(configuration.mappings());
            mappings.add(mapping);
            return configuration.withMappings(mappings);
        });
        audit.configurationChanged("System mapping " + mapping.key() + " created");
        return AdminResponse.created(PREFIX + mapping.key(), mapping);
    }

    private AdminResponse put(String key, byte[] body) {
        SystemMapping mapping = AdminJson.read(body, SystemMapping::fromJson, EXAMPLE);
        if (!mapping.key().equals(key)) {
            throw ApiProblem.invalidInput("The body is for " + mapping.key() + " but the URL names " + key
                    + "; to move a mapping, create the new one and delete the old one.");
        }
        AtomicBoolean created = new AtomicBoolean();
        store.update(configuration -> {
            List<SystemMapping> mappings = new ArrayList<>(configuration.mappings());
            int index = indexOf(mappings, key);
            created.set(index < 0);
            if (index < 0) {
                mappings.add(mapping);
            } else {
                mappings.set(index, mapping);
            }
            return configuration.withMappings(mappings);
        });
        audit.configurationChanged("System mapping " + key + (created.get() ? " created" : " replaced"));
        return created.get() ? AdminResponse.created(PREFIX + key, mapping) : AdminResponse.json(200, mapping);
    }

    private AdminResponse delete(String key) {
        store.update(configuration -> {
            List<SystemMapping> mappings = new ArrayList<>(configuration.mappings());
            int index = indexOf(mappings, key);
            if (index < 0) {
                throw notFound(key);
            }
            mappings.remove(index);
            return configuration.withMappings(mappings);
        });
        audit.configurationChanged("System mapping " + key + " deleted");
        return AdminResponse.noContent();
    }

    /** The mapping key of a path, {@code host:port} with the host in lower case. */
    private static String parseKey(String rawKey) {
        int colon = rawKey.lastIndexOf(':');
        try {
            if (colon > 0) {
                return SystemMapping.key(rawKey.substring(0, colon), Integer.parseInt(rawKey.substring(colon + 1)));
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw ApiProblem.invalidInput("'" + rawKey + "' is not a system mapping's key; name the mapping by virtual"
                + " host and port, such as " + PREFIX + "erp.internal:44300.");
    }

    private static SystemMapping find(List<SystemMapping> mappings, String key) {
        int index = indexOf(mappings, key);
        if (index < 0) {
            throw notFound(key);
        }
        return mappings.get(index);
    }

    private static int indexOf(List<SystemMapping> mappings, String key) {
        for (int i = 0; i < mappings.size(); i++) {
            if (mappings.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static ApiProblem notFound(String key) {
        return ApiProblem.notFound(
                "No system mapping exists for " + key + "; GET " + COLLECTION + " lists the mappings there are.");
    }
}
