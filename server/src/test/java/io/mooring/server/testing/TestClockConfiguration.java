package io.mooring.server.testing;

import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Gives the server under test a clock that tests can move. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {
    public static final MutableClock CLOCK = new MutableClock();

    @Bean
    @Primary
    Clock testClock() {
        return CLOCK;
    }
}
