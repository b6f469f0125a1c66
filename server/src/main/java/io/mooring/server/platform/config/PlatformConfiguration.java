package io.mooring.server.platform.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock (in microseconds, the precision both databases store) and the source of randomness, as beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MooringProperties.class)
class PlatformConfiguration {
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
