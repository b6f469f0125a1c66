package io.mooring.connector.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.connector.access.HostHeader;
import io.mooring.connector.access.PrincipalType;
import io.mooring.connector.access.SystemMapping;
import io.mooring.tunnel.ConnectorReport.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneAnswerHeadTest {
    private static final SystemMapping MAPPING = new SystemMapping(
            "erp.virtual",
            443,
            "erp.internal",
            8443,
            Protocol.HTTPS,
            "ABAP_SYSTEM",
            HostHeader.VIRTUAL,
            PrincipalType.NONE,
            "",
            List.of());

    @Test
    void aHeadWithNothingToChangeGoesOnTheLaneAsTheSameBytes() {
        ByteBuf head = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n");

        LaneAnswerHead lane = LaneAnswerHead.of(head, false, MAPPING, ByteBufAllocator.DEFAULT);

        assertThat(lane.head()).isSameAs(head);
        assertThat(lane.keepAlive()).isTrue();
        lane.head().release();
    }

    @Test
    void hopByHopHeadersAndThoseConnectionNamesGoAndTheRestStaysAsItCame() {
        LaneAnswerHead lane = LaneAnswerHead.of(
                ascii("HTTP/1.1 200 OK\r\nConnection: close, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\n"
                        + "Proxy-Authenticate: Basic\r\nmooring-denial: FORGED\r\nX-Kept:  two \r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n"),
                false,
                MAPPING,
                ByteBufAllocator.DEFAULT);

        assertThat(text(lane)).isEqualTo("HTTP/1.1 200 OK\r\nX-Kept:  two \r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(lane.keepAlive()).as("Connection: close").isFalse();
    }

    @Test
    void aRedirectToTheInternalHostPointsAtTheVirtualOne() {
        LaneAnswerHead lane = LaneAnswerHead.of(
                ascii(
                        "HTTP/1.1 302 Found\r\nlocation: https://erp.internal:8443/next?x=1\r\nContent-Length: 0\r\n\r\n"),
                false,
                MAPPING,
                ByteBufAllocator.DEFAULT);

        assertThat(text(lane))
                .isEqualTo(
                        "HTTP/1.1 302 Found\r\nlocation: http://erp.virtual:443/next?x=1\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void aLengthBesideChunksGoesForTheChunksFrameTheBody() {
        LaneAnswerHead lane = LaneAnswerHead.of(
                ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n"),
                false,
                MAPPING,
                ByteBufAllocator.DEFAULT);

        assertThat(text(lane)).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    }

    @Test
    void anAnswerThatLastsUntilTheBackEndClosesIsChunkedOnTheLaneAndEndsItsConnection() {
        LaneAnswerHead lane = LaneAnswerHead.of(
                ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"), true, MAPPING, ByteBufAllocator.DEFAULT);

        assertThat(text(lane))
                .isEqualTo("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n");
        assertThat(lane.keepAlive()).isFalse();
    }

    @Test
    void anHttp10BackEndKeepsItsConnectionOnlyWhenItSaysSo() {
        LaneAnswerHead plain = LaneAnswerHead.of(
                ascii("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), false, MAPPING, ByteBufAllocator.DEFAULT);
        LaneAnswerHead keeping = LaneAnswerHead.of(
                ascii("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"),
                false,
                MAPPING,
                ByteBufAllocator.DEFAULT);

        assertThat(plain.keepAlive()).isFalse();
        assertThat(keeping.keepAlive()).isTrue();
        assertThat(text(keeping)).isEqualTo("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        plain.head().release();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String text(LaneAnswerHead lane) {
        String text = lane.head().toString(StandardCharsets.US_ASCII);
        lane.head().release();
        return text;
    }
}
