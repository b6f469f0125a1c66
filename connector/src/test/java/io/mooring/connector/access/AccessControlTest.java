package io.mooring.connector.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.tunnel.ConnectorReport.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessControlTest {
    private static final SystemMapping ERP = http(
            "erp.internal",
            44300,
            Protocol.HTTP,
            Resource.of("/sap/opu/odata", true),
            new Resource("/sap/opu/odata/secret", true, false, false, ""),
            Resource.of("/exact", false),
            new Resource("/ws", true, true, true, ""),
            Resource.of("/CaseSensitive", false));
    private static final SystemMapping SECURE = http("portal.internal", 443, Protocol.HTTPS, Resource.of("/", true));
    private static final SystemMapping DATABASE =
            new SystemMapping("db.internal", 5432, "10.0.0.6", 5432, Protocol.TCP, "HANA", null, null, null, List.of());

    private final AccessControl accessControl = AccessControl.of(List.of(ERP, SECURE, DATABASE));

    @Test
    void subPathsResourceAdmitsItsPathAndThePathsBelow() {
        assertAllowed("/sap/opu/odata", "/sap/opu/odata");
        assertAllowed("/sap/opu/odata/", "/sap/opu/odata/");
        assertAllowed("/sap/opu/odata/SRV/Entities?$top=1", "/sap/opu/odata/SRV/Entities");
    }

    @Test
    void subPathsResourceDoesNotAdmitASiblingWithTheSamePrefix() {
        assertDenied("/sap/opu/odatax", Denial.NO_RESOURCE);
        assertDenied("/sap/opu/odat", Denial.NO_RESOURCE);
        assertDenied("/sap/opu", Denial.NO_RESOURCE);
    }

    @Test
    void exactResourceAdmitsOnlyItsPath() {
        assertAllowed("/exact", "/exact");
        assertDenied("/exact/", Denial.NO_RESOURCE);
        assertDenied("/exact/more", Denial.NO_RESOURCE);
        assertDenied("/exactly", Denial.NO_RESOURCE);
    }

    @Test
    void suspendedMoreSpecificResourceDeniesInsideActiveOne() {
        assertDenied("/sap/opu/odata/secret", Denial.RESOURCE_SUSPENDED);
        assertDenied("/sap/opu/odata/secret/x/y", Denial.RESOURCE_SUSPENDED);
        assertAllowed("/sap/opu/odata/secrets", "/sap/opu/odata/secrets");
    }

    @Test
    void dotSegmentsAreResolvedBeforeMatching() {
        assertAllowed("/sap/opu/odata/x/../y", "/sap/opu/odata/y");
        assertAllowed("/sap/opu/./odata/./x", "/sap/opu/odata/x");
        assertDenied("/sap/opu/odata/../../../admin", Denial.NO_RESOURCE);
        assertDenied("/sap/opu/odata/%2e%2e/%2E%2E/admin", Denial.NO_RESOURCE);
        assertDenied("/sap/opu/odata/secrets/../secret/x", Denial.RESOURCE_SUSPENDED);
    }

    @Test
    void pathsThatClimbAboveRootOrHideSeparatorsAreInvalid() {
        assertDenied("/../sap/opu/odata", Denial.INVALID_PATH);
        assertDenied("/sap/opu/odata/../../../../admin", Denial.INVALID_PATH);
        assertDenied("/sap/opu/odata%2F..%2F..%2Fadmin", Denial.INVALID_PATH);
        assertDenied("/sap/opu/odata/%252e%252e/%252e%252e/admin", Denial.INVALID_PATH);
        assertDenied("/sap/opu/odata\\..\\..\\admin", Denial.INVALID_PATH);
        assertDenied("/sap/opu/odata/..;/..;/admin", Denial.INVALID_PATH);
        assertDenied("/sap/opu/odata/%00", Denial.INVALID_PATH);
    }

    @Test
    void repeatedSlashesCollapse() {
        assertAllowed("//sap//opu///odata", "/sap/opu/odata");
    }

    @Test
    void encodedUnreservedCharactersMatchTheirPlainForm() {
        assertAllowed("/%73ap/opu/odat%61", "/sap/opu/odata");
    }

    @Test
    void pathIsCaseSensitive() {
        assertAllowed("/CaseSensitive", "/CaseSensitive");
        assertDenied("/casesensitive", Denial.NO_RESOURCE);
        assertDenied("/SAP/opu/odata", Denial.NO_RESOURCE);
    }

    @Test
    void hostIsCaseInsensitive() {
        assertThat(accessControl.decideHttp("ERP.Internal", 44300, "/exact", false))
                .isEqualTo(new HttpDecision.Allowed(ERP, "/exact"));
    }

    @Test
    void unknownHostOrPortHasNoMapping() {
        assertThat(accessControl.decideHttp("other.internal", 44300, "/exact", false))
                .isInstanceOfSatisfying(
                        HttpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(Denial.NO_MAPPING));
        assertThat(accessControl.decideHttp("erp.internal", 44301, "/exact", false))
                .isInstanceOfSatisfying(HttpDecision.Denied.class, denied -> {
                    assertThat(denied.denial()).isEqualTo(Denial.NO_MAPPING);
                    assertThat(denied.message()).contains("erp.internal:44301");
                });
    }

    @Test
    void websocketUpgradeNeedsAResourceThatAllowsIt() {
        assertThat(accessControl.decideHttp("erp.internal", 44300, "/ws/chat", true))
                .isEqualTo(new HttpDecision.Allowed(ERP, "/ws/chat"));
        assertThat(accessControl.decideHttp("erp.internal", 44300, "/sap/opu/odata", true))
                .isInstanceOfSatisfying(
                        HttpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(Denial.WEBSOCKET_NOT_ALLOWED));
    }

    @Test
    void httpsMappingTakesHttpRequests() {
        assertThat(accessControl.decideHttp("portal.internal", 443, "/any/thing", false))
                .isEqualTo(new HttpDecision.Allowed(SECURE, "/any/thing"));
    }

    @Test
    void tcpMappingTakesTcpStreamsOnly() {
        assertThat(accessControl.decideTcp("DB.internal", 5432)).isEqualTo(new TcpDecision.Allowed(DATABASE));
        assertThat(accessControl.decideHttp("db.internal", 5432, "/", false))
                .isInstanceOfSatisfying(
                        HttpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(Denial.PROTOCOL_MISMATCH));
        assertThat(accessControl.decideTcp("erp.internal", 44300))
                .isInstanceOfSatisfying(
                        TcpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(Denial.PROTOCOL_MISMATCH));
        assertThat(accessControl.decideTcp("nowhere.internal", 1))
                .isInstanceOfSatisfying(
                        TcpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(Denial.NO_MAPPING));
    }

    @Test
    void rootResourceWithSubPathsAdmitsEverything() {
        AccessControl root = AccessControl.of(List.of(http("h", 80, Protocol.HTTP, Resource.of("/", true))));
        assertThat(root.decideHttp("h", 80, "/", false)).isInstanceOf(HttpDecision.Allowed.class);
        assertThat(root.decideHttp("h", 80, "/a/b/", false)).isInstanceOf(HttpDecision.Allowed.class);
    }

    @Test
    void exactRootResourceAdmitsOnlyRoot() {
        AccessControl root = AccessControl.of(List.of(http("h", 80, Protocol.HTTP, Resource.of("/", false))));
        assertThat(root.decideHttp("h", 80, "/?q", false)).isInstanceOf(HttpDecision.Allowed.class);
        assertThat(root.decideHttp("h", 80, "/a", false)).isInstanceOf(HttpDecision.Denied.class);
    }

    @Test
    void resourceWithTrailingSlashAdmitsBelowButNotTheBarePath() {
        AccessControl slash = AccessControl.of(List.of(http("h", 80, Protocol.HTTP, Resource.of("/a/b/", true))));
        assertThat(slash.decideHttp("h", 80, "/a/b/", false)).isInstanceOf(HttpDecision.Allowed.class);
        assertThat(slash.decideHttp("h", 80, "/a/b/c", false)).isInstanceOf(HttpDecision.Allowed.class);
        assertThat(slash.decideHttp("h", 80, "/a/b", false)).isInstanceOf(HttpDecision.Denied.class);
    }

    @Test
    void longerOfTwoResourcesSharingASubtreeDecides() {
        AccessControl both = AccessControl.of(List.of(http(
                "h", 80, Protocol.HTTP, Resource.of("/a/b", true), new Resource("/a/b/", true, false, false, ""))));
        assertThat(both.decideHttp("h", 80, "/a/b", false)).isInstanceOf(HttpDecision.Allowed.class);
        assertThat(both.decideHttp("h", 80, "/a/b/c", false))
                .isInstanceOfSatisfying(
                        HttpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(Denial.RESOURCE_SUSPENDED));
    }

    @Test
    void duplicateVirtualHostAndPortIsRefused() {
        SystemMapping shouting = http("ERP.INTERNAL", 44300, Protocol.HTTPS, Resource.of("/", true));
        assertThatThrownBy(() -> AccessControl.of(List.of(ERP, shouting)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("erp.internal:44300");
    }

    @Test
    void mappingIsFoundByHostAndPort() {
        assertThat(accessControl.mapping("ERP.internal", 44300)).contains(ERP);
        assertThat(accessControl.mapping("erp.internal", 1)).isEmpty();
        assertThat(accessControl.mappings()).containsExactly(ERP, SECURE, DATABASE);
    }

    private void assertAllowed(String rawPath, String normalisedPath) {
        assertThat(accessControl.decideHttp("erp.internal", 44300, rawPath, false))
                .isEqualTo(new HttpDecision.Allowed(ERP, normalisedPath));
    }

    private void assertDenied(String rawPath, Denial denial) {
        assertThat(accessControl.decideHttp("erp.internal", 44300, rawPath, false))
                .isInstanceOfSatisfying(
                        HttpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(denial));
    }

    static SystemMapping http(String host, int port, Protocol protocol, Resource... resources) {
        return new SystemMapping(
                host,
                port,
                "10.0.0.5",
                8000,
                protocol,
                "ABAP_SYSTEM",
                HostHeader.VIRTUAL,
                PrincipalType.NONE,
                "",
                List.of(resources));
    }
}
