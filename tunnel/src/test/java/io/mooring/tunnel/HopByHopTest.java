package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopByHopTest {
    @Test
    void stripsHopByHopProxyAndMooringHeadersInAnyCase() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Host", "erp:443")
                .add("Accept", "application/json")
                .add("Connection", "keep-alive")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("TE", "trailers")
                .add("Trailer", "X-Checksum")
                .add("Upgrade", "websocket")
                .add("Proxy-Authorization", "Bearer secret")
                .add("PROXY-CONNECTION", "keep-alive")
                .add("SAP-Connectivity-SCC-Location_ID", "berlin")
                .add("sap-connectivity-authentication", "Bearer user")
                .add("Mooring-Principal", "forged")
                .add("Content-Length", "12")
                .add("X-Proxy-Hint", "stays");

        HopByHop.strip(headers);

        assertThat(headers.names()).containsExactlyInAnyOrder("Host", "Accept", "Content-Length", "X-Proxy-Hint");
    }

    @Test
    void stripsWhatConnectionNamesWithSpacesAndCase() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Connection", "close,  X-Private ,x-session")
                .add("X-Private", "1")
                .add("X-Session", "2")
                .add("X-Public", "3")
                .add("X-Privately", "4");

        HopByHop.strip(headers);

        assertThat(headers.names()).containsExactlyInAnyOrder("X-Public", "X-Privately");
    }

    @Test
    void namesInPlaceShouldBeJudgedAsTheirStringsAre() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        List.of(
                        "Connection",
                        "keep-alive",
                        "TE",
                        "Trailer",
                        "TRANSFER-ENCODING",
                        "Upgrade",
                        "HTTP2-Settings",
                        "Proxy-Connection",
                        "proxy-",
                        "SAP-Connectivity-Authentication",
                        "mooring-principal")
                .forEach(name -> names.put(name, true));
        List.of(
                        "",
                        "Accept",
                        "Content-Type",
                        "Trailers",
                        "TE2",
                        "Host",
                        "X-Proxy-Hint",
                        "Mooring",
                        "sap-client",
                        "Cookie",
                        "Upgrade-Insecure-Requests",
                        "Content-Length",
                        "\u00e9t\u00e9")
                .forEach(name -> names.put(name, false));

        names.forEach((name, hopByHop) -> {
            ByteBuf bytes = Unpooled.copiedBuffer("x" + name + ":", StandardCharsets.ISO_8859_1);
            assertThat(HopByHop.isHopByHop(name)).as(name).isEqualTo(hopByHop);
            assertThat(HopByHop.isHopByHop(bytes, 1, 1 + name.length()))
                    .as(name)
                    .isEqualTo(hopByHop);
            bytes.release();
        });
    }

    @Test
    void aNameInPlaceShouldBeListedAsItsStringIs() {
        String connection = "close,  X-Private ,x-session";
        for (String name :
                List.of("X-Private", "x-private", "X-SESSION", "close", "X-Privately", "X-Priv", "", "keep")) {
            ByteBuf bytes = Unpooled.copiedBuffer("x" + name + ":", StandardCharsets.ISO_8859_1);
            assertThat(HopByHop.listed(connection, bytes, 1, 1 + name.length()))
                    .as(name)
                    .isEqualTo(HopByHop.listed(connection, name));
            bytes.release();
        }
    }

    @Test
    void http11KeepsAliveUnlessToldToCloseAndHttp10OnlyWhenToldToKeepAlive() {
        assertThat(HopByHop.keepsAlive(false, null)).isTrue();
        assertThat(HopByHop.keepsAlive(false, "Keep-Alive, Close")).isFalse();
        assertThat(HopByHop.keepsAlive(true, null)).isFalse();
        assertThat(HopByHop.keepsAlive(true, "keep-alive")).isTrue();
    }

    @Test
    void leavesOrdinaryHeadersAlone() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Accept", "*/*").add("Authorization", "Basic x");

        HopByHop.strip(headers);

        assertThat(headers.names()).containsExactlyInAnyOrder("Accept", "Authorization");
    }
}
