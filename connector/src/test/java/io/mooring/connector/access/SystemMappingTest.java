package io.mooring.connector.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.tunnel.ConnectorReport.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemMappingTest {

    @Test
    void virtualHostIsStoredInLowerCaseAndNamesTheKey() {
        SystemMapping mapping = mapping("ERP.Internal", 44300, Protocol.HTTP, List.of());
        assertThat(mapping.virtualHost()).isEqualTo("erp.internal");
        assertThat(mapping.key()).isEqualTo("erp.internal:44300");
    }

    @Test
    void missingOptionalFieldsTakeDefaults() {
        SystemMapping mapping = new SystemMapping("erp", 1, "10.0.0.5", 2, Protocol.HTTP, null, null, null, null, null);
        assertThat(mapping.backendType()).isEqualTo(SystemMapping.DEFAULT_BACKEND_TYPE);
        assertThat(mapping.hostHeader()).isEqualTo(HostHeader.VIRTUAL);
        assertThat(mapping.principalType()).isEqualTo(PrincipalType.NONE);
        assertThat(mapping.description()).isEmpty();
        assertThat(mapping.resources()).isEmpty();
    }

    @Test
    void portsOutsideRangeAreRefused() {
        assertThatThrownBy(() -> mapping("erp", 0, Protocol.HTTP, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("virtualPort must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> new SystemMapping(
                        "erp", 1, "10.0.0.5", 65536, Protocol.HTTP, null, null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("internalPort");
    }

    @Test
    void blankOrMalformedHostsAreRefused() {
        assertThatThrownBy(() -> mapping(" ", 1, Protocol.HTTP, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("virtualHost is missing");
        assertThatThrownBy(() -> mapping("http://erp", 1, Protocol.HTTP, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a host name");
    }

    @Test
    void missingProtocolIsRefused() {
        assertThatThrownBy(() -> mapping("erp", 1, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol is missing");
    }

    @Test
    void tcpMappingHasNoResources() {
        assertThatThrownBy(() -> mapping("db", 5432, Protocol.TCP, List.of(Resource.of("/", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TCP mapping has no resources");
    }

    @Test
    void resourcePathIsListedOnce() {
        assertThatThrownBy(() ->
                        mapping("erp", 1, Protocol.HTTP, List.of(Resource.of("/a", true), Resource.of("/a", false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a is listed twice");
    }

    @Test
    void resourcePathMustBeCanonical() {
        assertThatThrownBy(() -> Resource.of("sap", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> Resource.of("/a/../b", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write it as '/b'");
        assertThatThrownBy(() -> Resource.of("/a//b", true)).hasMessageContaining("write it as '/a/b'");
        assertThatThrownBy(() -> Resource.of("/my docs", true)).hasMessageContaining("write it as '/my%20docs'");
        assertThatThrownBy(() -> Resource.of("/a?b", true)).hasMessageContaining("query");
        assertThatThrownBy(() -> Resource.of("/a/../..", true)).hasMessageContaining("climbs above");
    }

    @Test
    void canonicalResourcePathsAreAccepted() {
        assertThat(Resource.of("/", true).path()).isEqualTo("/");
        assertThat(Resource.of("/a/b/", false).path()).isEqualTo("/a/b/");
        assertThat(Resource.of("/sap/opu/odata/SRV;v=2", true).path()).isEqualTo("/sap/opu/odata/SRV;v=2");
        assertThat(Resource.of("/d%C3%BCsseldorf", true).path()).isEqualTo("/d%C3%BCsseldorf");
    }

    private static SystemMapping mapping(String host, int port, Protocol protocol, List<Resource> resources) {
        return new SystemMapping(host, port, "10.0.0.5", 8000, protocol, null, null, null, null, resources);
    }
}
