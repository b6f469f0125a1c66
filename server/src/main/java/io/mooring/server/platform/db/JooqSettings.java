package io.mooring.server.platform.db;

import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * jOOQ without its per-statement execute logging (a listener on every statement that only logs at DEBUG) and
 * without its start-up banner.
 */
@Configuration(proxyBeanMethods = false)
class JooqSettings {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    @Bean
    DefaultConfigurationCustomizer quietJooq() {
        return configuration ->
                configuration.settings().withExecuteLogging(false).withDiagnosticsLogging(false);
    }
}
