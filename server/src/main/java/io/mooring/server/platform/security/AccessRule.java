package io.mooring.server.platform.security;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/** Who may call one endpoint, as declared by its access annotation. */
sealed interface AccessRule {
    record Public() implements AccessRule {}

    record Authenticated() implements AccessRule {}

    record AnyRole(Set<Role> roles) implements AccessRule {
        public AnyRole {
            roles = Set.copyOf(roles);
        }
    }

    /**
     * The rule declared on the handler method, or else on its class.
     *
     * @throws IllegalStateException when one element carries more than one access annotation
     */
    static Optional<AccessRule> declaredOn(HandlerMethod handler) {
        return declaredOn(handler.getMethod()).or(() -> declaredOn(handler.getBeanType()));
    }

    private static Optional<AccessRule> declaredOn(AnnotatedElement element) {
        List<AccessRule> rules = new ArrayList<>();
        if (element.isAnnotationPresent(PublicEndpoint.class)) {
            rules.add(new Public());
        }
        if (element.isAnnotationPresent(AnyAuthenticated.class)) {
            rules.add(new Authenticated());
        }
        RequiresRole requiresRole = AnnotatedElementUtils.findMergedAnnotation(element, RequiresRole.class);
        if (requiresRole != null) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            roles.addAll(List.of(requiresRole.value()));
            rules.add(new AnyRole(roles));
        }
        if (rules.size() > 1) {
            throw new IllegalStateException(element + " declares more than one access rule: " + rules);
        }
        return rules.stream().findFirst();
    }
}
