package io.mooring.connector.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.connector.access.HostHeader;
import io.mooring.connector.access.HttpDecision;
import io.mooring.connector.access.PrincipalType;
import io.mooring.connector.access.Resource;
import io.mooring.connector.access.SystemMapping;
import io.mooring.tunnel.ConnectorReport.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationStoreTest {
    private static final SystemMapping ERP = new SystemMapping(
            "erp.internal",
            44300,
            "10.0.0.5",
            8000,
            Protocol.HTTP,
            "ABAP_SYSTEM",
            HostHeader.INTERNAL,
            PrincipalType.X509_CERTIFICATE,
            "the ERP",
            List.of(new Resource("/sap/opu/odata", true, true, false, "OData"), Resource.of("/ping", false)));
    private static final SystemMapping DATABASE =
            new SystemMapping("db.internal", 5432, "10.0.0.6", 5432, Protocol.TCP, null, null, null, null, null);

    @TempDir
    Path temp;

    @Test
    void openCreatesOwnerOnlyFolderAndDefaultConfiguration() throws IOException {
        Path dataDir = temp.resolve("data/connector");

        ConfigurationStore store = ConfigurationStore.open(dataDir);

        assertThat(store.current()).isEqualTo(ConnectorConfiguration.defaults());
        assertThat(store.file()).isEqualTo(dataDir.resolve("connector.json")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void defaultsAreSecurityAuditTwoConnectionsNoPairingNoMappings() {
        ConnectorConfiguration defaults = ConnectorConfiguration.defaults();

        assertThat(defaults.pairing()).isNull();
        assertThat(defaults.auditLevel()).isEqualTo(AuditLevel.SECURITY);
        assertThat(defaults.tunnelConnections()).isEqualTo(2);
        assertThat(defaults.mappings()).isEmpty();
    }

    @Test
    void updateIsWrittenAndReadBackWhole() {
        ConfigurationStore store = ConfigurationStore.open(temp);
        Pairing pairing = new Pairing("https://mooring.example.com", "c-1", "s-1", "", "tunnel.example.com", 20001);

        ConnectorConfiguration updated = store.update(
                configuration -> new ConnectorConfiguration(pairing, AuditLevel.ALL, 4, List.of(ERP, DATABASE)));

        assertThat(store.current()).isEqualTo(updated);
        assertThat(ConfigurationStore.open(temp).current()).isEqualTo(updated);
    }

    @Test
    void fileIsIndentedJson() throws IOException {
        ConfigurationStore store = ConfigurationStore.open(temp);
        store.update(configuration -> configuration.withMappings(List.of(ERP)));

        String json = Files.readString(store.file(), UTF_8);

        assertThat(json).contains("\n  \"auditLevel\" : \"SECURITY\"").contains("\"virtualHost\" : \"erp.internal\"");
        assertThat(json).doesNotContain("\"key\"");
    }

    @Test
    void updatesLeaveNoTemporaryFiles() throws IOException {
        ConfigurationStore store = ConfigurationStore.open(temp);
        for (int i = 1; i <= 5; i++) {
            int connections = i;
            store.update(configuration -> configuration.withTunnelConnections(connections));
        }

        assertThat(filesIn(temp)).containsExactly("connector.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void invalidUpdateLeavesFileAndConfigurationUnchanged() throws IOException {
        ConfigurationStore store = ConfigurationStore.open(temp);
        store.update(configuration -> configuration.withMappings(List.of(ERP)));
        byte[] before = Files.readAllBytes(store.file());
        ConnectorConfiguration current = store.current();

        assertThatThrownBy(() -> store.update(configuration -> configuration.withMappings(List.of(ERP, ERP))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("erp.internal:44300");

        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
        assertThat(store.current()).isSameAs(current);
        assertThat(filesIn(temp)).containsExactly("connector.json");
    }

    @Test
    void changeThatThrowsLeavesConfigurationUnchanged() {
        ConfigurationStore store = ConfigurationStore.open(temp);
        ConnectorConfiguration current = store.current();

        assertThatThrownBy(() -> store.update(configuration -> configuration.withTunnelConnections(17)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tunnelConnections must be between 1 and 16");

        assertThat(store.current()).isSameAs(current);
    }

    @Test
    void accessControlFollowsTheConfigurationAtOnce() {
        ConfigurationStore store = ConfigurationStore.open(temp);
        assertThat(store.accessControl().decideHttp("erp.internal", 44300, "/ping", false))
                .isInstanceOf(HttpDecision.Denied.class);

        store.update(configuration -> configuration.withMappings(List.of(ERP)));

        assertThat(store.accessControl().decideHttp("erp.internal", 44300, "/ping", false))
                .isInstanceOf(HttpDecision.Allowed.class);
    }

    @Test
    void listenersHearEveryChangeInOrder() {
        ConfigurationStore store = ConfigurationStore.open(temp);
        List<Integer> heard = new ArrayList<>();
        store.addListener(configuration -> heard.add(configuration.tunnelConnections()));
        store.addListener(configuration -> {
            throw new IllegalStateException("a broken listener does not stop the others");
        });

        store.update(configuration -> configuration.withTunnelConnections(3));
        store.update(configuration -> configuration.withTunnelConnections(5));

        assertThat(heard).containsExactly(3, 5);
        assertThat(store.current().tunnelConnections()).isEqualTo(5);
    }

    @Test
    void missingFieldsTakeDefaultsAndUnknownFieldsAreIgnored() throws IOException {
        Files.writeString(temp.resolve("connector.json"), """
                {
                  "fromTheFuture": {"x": 1},
                  "mappings": [
                    {"virtualHost": "ERP.internal", "virtualPort": 44300, "internalHost": "10.0.0.5",
                     "internalPort": 8000, "protocol": "HTTPS", "colour": "blue",
                     "resources": [{"path": "/sap", "subPaths": true, "active": true}]}
                  ]
                }
                """);

        ConnectorConfiguration configuration = ConfigurationStore.open(temp).current();

        assertThat(configuration.auditLevel()).isEqualTo(AuditLevel.SECURITY);
        assertThat(configuration.tunnelConnections()).isEqualTo(2);
        assertThat(configuration.mappings()).singleElement().satisfies(mapping -> {
            assertThat(mapping.key()).isEqualTo("erp.internal:44300");
            assertThat(mapping.hostHeader()).isEqualTo(HostHeader.VIRTUAL);
            assertThat(mapping.resources()).containsExactly(new Resource("/sap", true, true, false, ""));
        });
    }

    @Test
    void fileWithEveryFieldIsReadWhole() throws IOException {
        Files.writeString(temp.resolve("connector.json"), """
                {
                  "pairing": {"mooringUrl": "https://mooring.example.com", "connectorId": "c-1", "subaccountId": "s-1",
                              "locationId": "berlin", "tunnelHost": "tunnel.example.com", "tunnelPort": 20001},
                  "auditLevel": "ALL",
                  "tunnelConnections": 3,
                  "mappings": [
                    {"virtualHost": "erp.internal", "virtualPort": 44300, "internalHost": "10.0.0.5",
                     "internalPort": 8000, "protocol": "HTTP", "backendType": "ABAP_SYSTEM", "hostHeader": "INTERNAL",
                     "principalType": "X509_CERTIFICATE", "description": "the ERP",
                     "resources": [
                       {"path": "/sap/opu/odata", "subPaths": true, "active": true, "websocketUpgrade": false,
                        "description": "OData"},
                       {"path": "/ping", "subPaths": false, "active": true, "websocketUpgrade": false,
                        "description": ""}]},
                    {"virtualHost": "db.internal", "virtualPort": 5432, "internalHost": "10.0.0.6",
                     "internalPort": 5432, "protocol": "TCP"}
                  ]
                }
                """);

        assertThat(ConfigurationStore.open(temp).current())
                .isEqualTo(new ConnectorConfiguration(
                        new Pairing("https://mooring.example.com", "c-1", "s-1", "berlin", "tunnel.example.com", 20001),
                        AuditLevel.ALL,
                        3,
                        List.of(ERP, DATABASE)));
    }

    @Test
    void resourceWithoutActiveIsActiveAndExact() throws IOException {
        Files.writeString(temp.resolve("connector.json"), """
                {"mappings": [{"virtualHost": "erp", "virtualPort": 1, "internalHost": "h", "internalPort": 1,
                               "protocol": "HTTP", "resources": [{"path": "/sap"}]}]}
                """);

        assertThat(ConfigurationStore.open(temp).current().mappings().getFirst().resources())
                .containsExactly(new Resource("/sap", false, true, false, ""));
    }

    @Test
    void incompletePairingIsNamed() throws IOException {
        Files.writeString(temp.resolve("connector.json"), "{\"pairing\": {\"mooringUrl\": \"https://m\"}}");

        assertThatThrownBy(() -> ConfigurationStore.open(temp))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pairing: connectorId is missing; pair the connector again");
    }

    @Test
    void corruptFileIsNamedWithItsProblem() throws IOException {
        Path file = temp.resolve("connector.json");
        Files.writeString(file, "{\n  \"auditLevel\": \"SECURITY\",\n  oops\n}");

        assertThatThrownBy(() -> ConfigurationStore.open(temp))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("Correct the file");
    }

    @Test
    void invalidMappingInFileIsNamedWithWhereAndWhat() throws IOException {
        Files.writeString(temp.resolve("connector.json"), """
                {"mappings": [{"virtualHost": "erp", "virtualPort": 0, "internalHost": "h", "internalPort": 1,
                               "protocol": "HTTP"}]}
                """);

        assertThatThrownBy(() -> ConfigurationStore.open(temp))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mappings[0]")
                .hasMessageContaining("virtualPort must be between 1 and 65535, was 0");
    }

    @Test
    void unknownEnumValueNamesTheAllowedOnes() throws IOException {
        Files.writeString(temp.resolve("connector.json"), "{\"auditLevel\": \"LOUD\"}");

        assertThatThrownBy(() -> ConfigurationStore.open(temp))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("auditLevel: 'LOUD' is not a valid value; use one of SECURITY, ALL, OFF");
    }

    @Test
    void duplicateMappingsInFileAreRefused() throws IOException {
        String mapping = "{\"virtualHost\": \"erp\", \"virtualPort\": 1, \"internalHost\": \"h\", \"internalPort\": 1,"
                + " \"protocol\": \"HTTP\"}";
        Files.writeString(temp.resolve("connector.json"), "{\"mappings\": [" + mapping + ", " + mapping + "]}");

        assertThatThrownBy(() -> ConfigurationStore.open(temp))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("erp:1");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Files.writeString(temp.resolve("connector.json"), "");

        assertThatThrownBy(() -> ConfigurationStore.open(temp))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connector.json");
    }

    @Test
    void leftoverTemporaryFilesAreRemovedOnOpen() throws IOException {
        Files.writeString(temp.resolve("connector.json.123456.tmp"), "{\"half");

        ConfigurationStore.open(temp);

        assertThat(filesIn(temp)).containsExactly("connector.json");
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
