package io.mooring.server.platform.security;

import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.problem.ProblemWriter;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authentication only: Spring Security verifies bearer tokens, and {@link AccessInterceptor} applies each
 * endpoint's declared rule. Actuator endpoints sit outside Spring MVC's handler methods; the ones exposed
 * (health, prometheus) are public by decision — put them on a management port in production.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {
    private final AccessInterceptor accessInterceptor;
    private final CallerArgumentResolver callerArgumentResolver;

    SecurityConfiguration(AccessInterceptor accessInterceptor, CallerArgumentResolver callerArgumentResolver) {
        this.accessInterceptor = accessInterceptor;
        this.callerArgumentResolver = callerArgumentResolver;
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, JwtDecoder jwtDecoder, AuthenticationEntryPoint entryPoint) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.decoder(jwtDecoder)).authenticationEntryPoint(entryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .build();
    }

    @Bean
    AuthenticationEntryPoint problemEntryPoint(ProblemWriter writer, DeniedRequestListener deniedRequests) {
        return (request, response, exception) -> {
            deniedRequests.denied(request, Optional.empty(), "invalid access token: " + exception.getMessage());
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            writer.write(
                    response,
                    MooringProblem.of(
                            ProblemType.UNAUTHENTICATED,
                            "The access token is invalid or expired (" + exception.getMessage()
                                    + "); get a new one from POST /oauth/token."));
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(accessInterceptor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerArgumentResolver);
    }
}
