package io.mooring.server.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

class AccessDeclarationsTest {
    @Test
    void startWhenAnEndpointDeclaresNoAccessShouldFailNamingIt() {
        assertThatThrownBy(() -> start(Undeclared.class))
                .hasStackTraceContaining("refuses to start")
                .hasStackTraceContaining("Undeclared#forgotten");
    }

    @Test
    void startWhenAnEndpointDeclaresTwoRulesShouldFail() {
        assertThatThrownBy(() -> start(Twice.class)).hasStackTraceContaining("more than one access rule");
    }

    @Test
    void startWhenEveryEndpointDeclaresAccessShouldSucceed() {
        assertThatCode(() -> start(Declared.class).close()).doesNotThrowAnyException();
    }

    private static AnnotationConfigWebApplicationContext start(Class<?> controller) {
        AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new org.springframework.mock.web.MockServletContext());
        context.register(Mvc.class, controller, AccessDeclarations.class);
        context.refresh();
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {}

    @RestController
    static class Undeclared {
        @GetMapping("/forgotten")
        String forgotten() {
            return "";
        }
    }

    @RestController
    static class Twice {
        @GetMapping("/twice")
        @PublicEndpoint("test")
        @AnyAuthenticated
        String twice() {
            return "";
        }
    }

    @RestController
    @RequiresRole(Role.VIEWER)
    static class Declared {
        @GetMapping("/declared")
        String declared() {
            return "";
        }

        @GetMapping("/open")
        @PublicEndpoint("test")
        String open() {
            return "";
        }
    }
}
