package io.mooring.server.platform.security;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces each endpoint's declared access rule before its handler runs, and reports every refusal. */
@Component
final class AccessInterceptor implements HandlerInterceptor {
    static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private final AccessDeclarations declarations;
    private final DeniedRequestListener deniedRequests;

    AccessInterceptor(AccessDeclarations declarations, DeniedRequestListener deniedRequests) {
        this.declarations = requireNonNull(declarations, "declarations");
        this.deniedRequests = requireNonNull(deniedRequests, "deniedRequests");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        AccessRule rule = declarations
                .ruleFor(method)
                .orElseThrow(() -> new IllegalStateException("No access rule for " + method));
        Optional<Caller> caller = currentCaller();
        caller.ifPresent(found -> request.setAttribute(CALLER_ATTRIBUTE, found));
        switch (rule) {
            case AccessRule.Public ignored -> {}
            case AccessRule.Authenticated ignored -> requireAuthenticated(request, caller);
            case AccessRule.AnyRole anyRole -> requireRole(request, requireAuthenticated(request, caller), anyRole);
        }
        return true;
    }

    private Caller requireAuthenticated(HttpServletRequest request, Optional<Caller> caller) {
        if (caller.isEmpty()) {
            deniedRequests.denied(request, Optional.empty(), "no access token");
            throw MooringProblem.of(
                    ProblemType.UNAUTHENTICATED,
                    "This endpoint needs an access token: get one from POST /oauth/token and send it as "
                            + "'Authorization: Bearer <token>'.");
        }
        return caller.get();
    }

    private void requireRole(HttpServletRequest request, Caller caller, AccessRule.AnyRole rule) {
        if (!caller.holdsAnyOf(rule.roles())) {
            deniedRequests.denied(request, Optional.of(caller), "lacks role collection, needs one of " + rule.roles());
            throw MooringProblem.of(
                            ProblemType.FORBIDDEN,
                            "You need one of the role collections " + rule.roles()
                                    + " for this; ask a Global Account Administrator to assign one to you.")
                    .with("requiredRoleCollections", rule.roles());
        }
    }

    private static Optional<Caller> currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(CallerClaims.toCaller(token.getToken()));
        }
        return Optional.empty();
    }
}
