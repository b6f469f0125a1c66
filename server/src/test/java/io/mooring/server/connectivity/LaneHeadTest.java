package io.mooring.server.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.tunnel.RequestDecoder;
import io.mooring.tunnel.RequestHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The head a proxied request goes on its lane with. */
class LaneHeadTest {
    private static String onLane(String head, @Nullable String principal) {
        EmbeddedChannel channel = new EmbeddedChannel(RequestDecoder.checked(8192, 8192 + 65536, List.of()));
        channel.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
        RequestHead request = channel.readInbound();
        ByteBuf lane =
                LaneHead.of(request, ByteBufAllocator.DEFAULT, "erp.virtual:44300", "/sap/x?$top=1", principal, null);
        try {
            return lane.toString(StandardCharsets.ISO_8859_1);
        } finally {
            lane.release();
            request.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theLaneGetsOriginFormTheVirtualHostAndTheEndToEndHeadersAsSent() {
        String lane = onLane(
                "GET http://erp.virtual:44300/sap/x?$top=1 HTTP/1.1\r\n"
                        + "Host: ignored:1\r\n"
                        + "Accept: application/json\r\n"
                        + "Connection: keep-alive, X-Private\r\n"
                        + "X-Private: dropped\r\n"
                        + "Proxy-Authorization: Bearer secret\r\n"
                        + "SAP-Connectivity-Authentication: Bearer user\r\n"
                        + "Mooring-Principal: forged\r\n"
                        + "Expect: 100-continue\r\n"
                        + "Content-Length: 0\r\n"
                        + "X-Name: J\u00fcrgen\r\n"
                        + "\r\n",
                "alice@example.com");

        assertThat(lane)
                .isEqualTo("GET /sap/x?$top=1 HTTP/1.1\r\n"
                        + "host: erp.virtual:44300\r\n"
                        + "Accept: application/json\r\n"
                        + "Content-Length: 0\r\n"
                        + "X-Name: J\u00fcrgen\r\n"
                        + "mooring-principal: alice@example.com\r\n"
                        + "\r\n");
    }

    @Test
    void aChunkedRequestSaysSoOnTheLaneWhateverItsCodingsWere() {
        String lane = onLane("POST http://erp:80/upload HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", null);

        assertThat(lane)
                .isEqualTo("POST /sap/x?$top=1 HTTP/1.1\r\nhost: erp.virtual:44300\r\n"
                        + "transfer-encoding: chunked\r\n\r\n");
    }
}
