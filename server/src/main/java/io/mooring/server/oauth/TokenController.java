package io.mooring.server.oauth;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.Authenticator;
import io.mooring.server.account.Principal;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.problem.Problems;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.CallerClaims;
import io.mooring.server.platform.security.PublicEndpoint;
import io.mooring.server.servicebinding.ServiceInstances;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth token endpoint in XSUAA's shape: password grant for users, client_credentials for API clients,
 * paired systems and service bindings, and the jwt-bearer exchange of a user token through a binding; client credentials in the form body or as HTTP Basic. Errors are problem details that also
 * carry OAuth's {@code error} and {@code error_description} members, so OAuth libraries understand them too.
 */
@RestController
class TokenController {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String TENANT_HEADER = "X-zid";

    private final Authenticator credentials;
    private final ServiceInstances bindings;
    private final JwtDecoder jwtDecoder;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final AuditLog auditLog;

    TokenController(
            Authenticator credentials,
            ServiceInstances bindings,
            JwtDecoder jwtDecoder,
            TokenIssuer issuer,
            LoginThrottle throttle,
            AuditLog auditLog) {
        this.credentials = requireNonNull(credentials, "credentials");
        this.bindings = requireNonNull(bindings, "bindings");
        this.jwtDecoder = requireNonNull(jwtDecoder, "jwtDecoder");
        this.issuer = requireNonNull(issuer, "issuer");
        this.throttle = requireNonNull(throttle, "throttle");
        this.auditLog = requireNonNull(auditLog, "auditLog");
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PublicEndpoint("callers authenticate here with passwords or client secrets")
    ResponseEntity<Map<String, Object>> token(
            HttpServletRequest request,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = TENANT_HEADER, required = false) @Nullable String tenant,
            @RequestBody MultiValueMap<String, String> form) {
        String grantType = required(form, "grant_type");
        Principal principal = switch (grantType) {
            case "password" ->
                authenticate(
                        request,
                        required(form, "username"),
                        name -> credentials.user(name, required(form, "password")));
            case "client_credentials" -> {
                ClientSecret client = clientSecret(authorization, form);
                yield authenticate(request, client.id(), id -> client(id, client.secret()));
            }
            case JWT_BEARER -> {
                ClientSecret client = clientSecret(authorization, form);
                Principal binding = authenticate(request, client.id(), id -> client(id, client.secret()));
                yield exchange(required(form, "assertion"), binding);
            }
            default ->
                throw oauthError(
                        ProblemType.INVALID_INPUT,
                        "unsupported_grant_type",
                        "Grant type '" + grantType + "' is not supported; use 'password', 'client_credentials' or '"
                                + JWT_BEARER + "'.");
        };
        requireTenant(tenant, principal);
        TokenIssuer.IssuedToken token = issuer.issue(principal, grantType);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(Map.of(
                        "access_token", token.accessToken(),
                        "token_type", "bearer",
                        "expires_in", token.expiresIn(),
                        "scope", token.scope(),
                        "jti", token.jti()));
    }

    @ExceptionHandler(MooringProblem.class)
    ResponseEntity<ProblemDetail> problem(MooringProblem problem) {
        ProblemDetail body = Problems.body(problem);
        if (body.getProperties() == null || !body.getProperties().containsKey("error")) {
            body.setProperty(
                    "error", problem.problemType() == ProblemType.TOO_MANY_REQUESTS ? "slow_down" : "invalid_request");
            body.setProperty("error_description", problem.detail());
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Object retryAfter = problem.properties().get("retryAfterSeconds");
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
        }
        return response.body(body);
    }

    private Principal authenticate(
            HttpServletRequest request, String name, java.util.function.Function<String, Optional<Principal>> check) {
        throttle.attempt(request.getRemoteAddr(), name);
        Optional<Principal> principal = check.apply(name);
        if (principal.isEmpty()) {
            throttle.failed(name);
            auditLog.denied(null, name, "login.failed", "wrong credentials for '" + name + "'");
            throw oauthError(
                    ProblemType.INVALID_CREDENTIALS,
                    "invalid_client",
                    "The name or the secret is wrong; check both and try again.");
        }
        return principal.get();
    }

    private Optional<Principal> client(String clientId, String secret) {
        return ServiceInstances.isBindingClient(clientId)
                ? bindings.authenticate(clientId, secret)
                : credentials.client(clientId, secret);
    }

    /** The user of a Mooring user token, acting through the service binding that presents the token. */
    private Principal exchange(String assertion, Principal client) {
        Principal.Binding binding = client.bound()
                .orElseThrow(() -> oauthError(
                        ProblemType.INVALID_INPUT,
                        "unauthorized_client",
                        "Only service bindings exchange user tokens; use a binding's clientid and clientsecret."));
        Caller user;
        try {
            user = CallerClaims.toCaller(jwtDecoder.decode(assertion));
        } catch (JwtException | MooringProblem e) {
            throw oauthError(
                    ProblemType.INVALID_CREDENTIALS,
                    "invalid_grant",
                    "The assertion is not a valid Mooring user token; get a fresh one from POST /oauth/token.");
        }
        if (user.type() != Caller.PrincipalType.USER || !user.globalAccountId().equals(client.globalAccountId())) {
            throw oauthError(
                    ProblemType.INVALID_CREDENTIALS,
                    "invalid_grant",
                    "The assertion must be the token of a user of the binding's global account.");
        }
        return new Principal(user.subject(), user.name(), user.type(), user.globalAccountId(), user.roles())
                .through(binding);
    }

    /**
     * A tenant named in {@code X-zid} must be one the client belongs to: a binding's subaccount, or the global
     * account, which is the zone of Mooring's users (the SAP Cloud SDK names the zone of the user it acts for).
     */
    private static void requireTenant(@Nullable String tenant, Principal principal) {
        if (tenant == null) {
            return;
        }
        String named = tenant.strip();
        boolean own = named.equals(principal.globalAccountId().toString())
                || principal
                        .bound()
                        .map(binding ->
                                binding.service().subaccountId().toString().equals(named))
                        .orElse(false);
        if (!own) {
            throw oauthError(
                    ProblemType.INVALID_CREDENTIALS,
                    "invalid_client",
                    "The client does not belong to tenant '" + tenant + "' named in X-zid; send its own tenant id ("
                            + "the binding's 'tenantid') or no X-zid.");
        }
    }

    private static ClientSecret clientSecret(@Nullable String authorization, MultiValueMap<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw oauthError(
                        ProblemType.INVALID_INPUT, "invalid_client", "The Basic authorization header is not base64.");
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new ClientSecret(
                        java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            }
        }
        return new ClientSecret(required(form, "client_id"), required(form, "client_secret"));
    }

    private static String required(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        if (value == null || value.isBlank()) {
            throw oauthError(
                    ProblemType.INVALID_INPUT, "invalid_request", "Form parameter '" + name + "' is required.");
        }
        return value;
    }

    private static MooringProblem oauthError(ProblemType type, String error, String description) {
        return MooringProblem.of(type, description).with("error", error).with("error_description", description);
    }

    private record ClientSecret(String id, String secret) {}
}
