package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
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
    void leavesOrdinaryHeadersAlone() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Accept", "*/*").add("Authorization", "Basic x");

        HopByHop.strip(headers);

        assertThat(headers.names()).containsExactlyInAnyOrder("Accept", "Authorization");
    }
}
