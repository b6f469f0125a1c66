package io.mooring.server.landscape.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SystemStatusTest {
    @Test
    void deregistrationShouldBeRefusedInErrorDeregisteringAndDeregisterError() {
        assertThat(Arrays.stream(SystemStatus.values()).filter(status -> !status.allowsDeregistration()))
                .containsExactlyInAnyOrder(
                        SystemStatus.ERROR, SystemStatus.DEREGISTERING, SystemStatus.DEREGISTER_ERROR);
    }

    @Test
    void tokensAndPairingShouldExistOnlyWhilePending() {
        assertThat(Arrays.stream(SystemStatus.values()).filter(SystemStatus::issuesTokens))
                .containsExactly(SystemStatus.PENDING);
        assertThat(Arrays.stream(SystemStatus.values()).filter(SystemStatus::allowsPairing))
                .containsExactly(SystemStatus.PENDING);
    }
}
