package io.mooring.connector.admin;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.audit.AuditLog;
import io.mooring.connector.config.AuditLevel;
import io.mooring.connector.config.ConfigurationStore;
import io.mooring.connector.json.JsonObject;
import io.mooring.connector.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The calls of the admin API, by path and method. Every call is authenticated before it gets here; every change goes
 * through {@link ConfigurationStore#update} and is audited.
 */
final class AdminRoutes {
    static final int DEFAULT_AUDIT_LIMIT = 100;

    private static final String PAIRING_EXAMPLE =
            "{\"url\": \"https://mooring.example.com\", \"token\": \"<the registration's one-time token>\"}";
    private static final String LEVEL_EXAMPLE = "{\"level\": \"SECURITY\"}";

    private final ConfigurationStore store;
    private final AuditLog audit;
    private final AdminActions actions;
    private final Executor pairingExecutor;
    private final MappingRoutes mappings;

    AdminRoutes(ConfigurationStore store, AuditLog audit, AdminActions actions, Executor pairingExecutor) {
        this.store = requireNonNull(store, "store");
        this.audit = requireNonNull(audit, "audit");
        this.actions = requireNonNull(actions, "actions");
        this.pairingExecutor = requireNonNull(pairingExecutor, "pairingExecutor");
        this.mappings = new MappingRoutes(store, audit);
    }

    /** Answers a call; never fails, errors become problem details. */
    CompletableFuture<AdminResponse> handle(AdminRequest request) {
        try {
            if (request.path().equals("/pairing")) {
                return pair(request).exceptionally(AdminRoutes::problem);
            }
            return CompletableFuture.completedFuture(route(request));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(problem(e));
        }
    }

    private AdminResponse route(AdminRequest request) {
        String path = request.path();
        return switch (path) {
            case "/status" -> get(request, () -> json(actions.status()));
            case MappingRoutes.COLLECTION -> mappings.collection(request);
            case "/audit-level" -> auditLevel(request);
            case "/audit" -> get(request, () -> json(audit.recent(limit(request.parameter("limit")))));
            case "/principal-ca" -> get(request, () -> AdminResponse.pem(actions.principalCaPem()));
            default -> {
                if (path.startsWith(MappingRoutes.PREFIX)) {
                    yield mappings.single(request, path.substring(MappingRoutes.PREFIX.length()));
                }
                throw ApiProblem.notFound("The admin API has no " + path + "; its calls are /status, /pairing,"
                        + " /mappings, /mappings/{host}:{port}, /audit-level, /audit and /principal-ca.");
            }
        };
    }

    private CompletableFuture<AdminResponse> pair(AdminRequest request) {
        if (!request.method().equals("POST")) {
            throw ApiProblem.methodNotAllowed("/pairing", "POST");
        }
        PairingRequest body = AdminJson.read(request.body(), PairingRequest::fromJson, PAIRING_EXAMPLE);
        String url = requireText(body.url(), "url");
        String token = requireText(body.token(), "token");
        checkMooringUrl(url);
        // Pairing calls Mooring and creates keys: off the event loop, one at a time.
        return CompletableFuture.supplyAsync(
                () -> {
                    actions.pair(url, token);
                    audit.configurationChanged("Paired with Mooring at " + url);
                    return json(actions.status());
                },
                pairingExecutor);
    }

    private AdminResponse auditLevel(AdminRequest request) {
        return switch (request.method()) {
            case "GET" -> json(Map.of("level", store.current().auditLevel()));
            case "PUT" -> {
                LevelRequest body = AdminJson.read(request.body(), LevelRequest::fromJson, LEVEL_EXAMPLE);
                if (body.level() == null) {
                    throw ApiProblem.invalidInput("level is missing; send " + LEVEL_EXAMPLE + " with one of "
                            + Arrays.toString(AuditLevel.values()) + ".");
                }
                yield setAuditLevel(body.level());
            }
            default -> throw ApiProblem.methodNotAllowed("/audit-level", "GET, PUT");
        };
    }

    private AdminResponse setAuditLevel(AuditLevel level) {
        AuditLevel before = store.current().auditLevel();
        String change = "Audit level set to " + level + " (was " + before + ")";
        if (level == AuditLevel.OFF) {
            // At OFF the audit log records nothing, so this last entry goes first.
            audit.configurationChanged(change);
        }
        store.update(configuration -> configuration.withAuditLevel(level));
        if (level != AuditLevel.OFF) {
            audit.configurationChanged(change);
        }
        return json(Map.of("level", level));
    }

    private static int limit(@Nullable String value) {
        if (value == null) {
            return DEFAULT_AUDIT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= AuditLog.RECENT_CAPACITY) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw ApiProblem.invalidInput(
                "limit must be a number from 1 to " + AuditLog.RECENT_CAPACITY + ", such as /audit?limit=50.");
    }

    private static String requireText(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalidInput(field + " is missing; send " + PAIRING_EXAMPLE + ".");
        }
        return value.strip();
    }

    private static void checkMooringUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // Refused below.
        }
        throw ApiProblem.invalidInput(
                "url must be the address of Mooring, such as https://mooring.example.com; was '" + url + "'.");
    }

    private static AdminResponse get(AdminRequest request, Supplier<AdminResponse> answer) {
        if (!request.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(request.path(), "GET");
        }
        return answer.get();
    }

    private static AdminResponse json(Object value) {
        return AdminResponse.json(200, value);
    }

    private static AdminResponse problem(Throwable failure) {
        return AdminResponse.problem(ApiProblem.from(failure));
    }

    /** The body of {@code POST /pairing}. */
    record PairingRequest(@Nullable String url, @Nullable String token) {
        static PairingRequest fromJson(JsonValue json) {
            JsonObject fields = json.object().fields(Set.of("url", "token"));
            return new PairingRequest(fields.string("url"), fields.string("token"));
        }
    }

    /** The body of {@code PUT /audit-level}. */
    record LevelRequest(@Nullable AuditLevel level) {
        static LevelRequest fromJson(JsonValue json) {
            JsonObject fields = json.object().fields(Set.of("level"));
            return new LevelRequest(fields.enumValue("level", AuditLevel.class));
        }
    }
}
