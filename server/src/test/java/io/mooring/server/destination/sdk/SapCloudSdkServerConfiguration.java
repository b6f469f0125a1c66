package io.mooring.server.destination.sdk;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What the server under test gets in addition for the SDK tests: the request recorder. */
@TestConfiguration(proxyBeanMethods = false)
class SapCloudSdkServerConfiguration {
    @Bean
    DestinationServiceRequests destinationServiceRequests() {
        return new DestinationServiceRequests();
    }
}
