package io.mooring.server.platform.security;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Holds the access rule of every endpoint and refuses to let the server start while any endpoint lacks one.
 *
 * <p>Mooring's own controllers declare their rule with an annotation. The only foreign endpoints are the
 * OpenAPI document and Swagger UI, which are public by decision.
 */
@Component
public final class AccessDeclarations implements SmartInitializingSingleton {
    private static final List<String> PUBLIC_FOREIGN_PACKAGES = List.of("org.springdoc.");

    private final ApplicationContext context;
    private final Map<HandlerMethod, AccessRule> rules = new ConcurrentHashMap<>();

    public AccessDeclarations(ApplicationContext context) {
        this.context = requireNonNull(context, "context");
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> undeclared = context.getBeansOfType(RequestMappingHandlerMapping.class).values().stream()
                .flatMap(mapping -> mapping.getHandlerMethods().values().stream())
                .filter(handler -> ruleFor(handler).isEmpty())
                .map(HandlerMethod::toString)
                .sorted()
                .toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("Mooring refuses to start: these endpoints declare no access rule "
                    + "(annotate them with @RequiresRole, @AnyAuthenticated or @PublicEndpoint): " + undeclared);
        }
    }

    Optional<AccessRule> ruleFor(HandlerMethod handler) {
        HandlerMethod key =
                handler.getResolvedFromHandlerMethod() != null ? handler.getResolvedFromHandlerMethod() : handler;
        AccessRule cached = rules.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AccessRule> rule = AccessRule.declaredOn(key).or(() -> foreignRule(key));
        rule.ifPresent(found -> rules.put(key, found));
        return rule;
    }

    private static Optional<AccessRule> foreignRule(HandlerMethod handler) {
        String type = handler.getBeanType().getName();
        return PUBLIC_FOREIGN_PACKAGES.stream().anyMatch(type::startsWith)
                ? Optional.of(new AccessRule.Public())
                : Optional.empty();
    }
}
