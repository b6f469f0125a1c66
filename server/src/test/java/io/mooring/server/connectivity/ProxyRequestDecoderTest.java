package io.mooring.server.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the proxy reads an application's requests: heads, bodies as sent, and what it refuses to read. */
class ProxyRequestDecoderTest {
    private static final String TOKEN = "Proxy-Authorization: Bearer abc.def-ghi\r\n";

    private final EmbeddedChannel channel = new EmbeddedChannel(new ProxyRequestDecoder());

    /** What the decoder passes up for {@code parts}, each written as one read; bodies as text. */
    private List<Object> read(String... parts) {
        for (String part : parts) {
            channel.writeInbound(Unpooled.copiedBuffer(part, StandardCharsets.ISO_8859_1));
        }
        List<Object> up = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            if (message instanceof ByteBuf bytes) {
                up.add(bytes.toString(StandardCharsets.ISO_8859_1));
                bytes.release();
            } else {
                up.add(message);
            }
        }
        return up;
    }

    private static String onLane(ProxyRequest request, String principal) {
        ByteBuf lane = request.onLane(ByteBufAllocator.DEFAULT, "erp.virtual:44300", "/sap/x?$top=1", principal);
        try {
            return lane.toString(StandardCharsets.ISO_8859_1);
        } finally {
            lane.release();
            request.release();
        }
    }

    private static ProxyRequest.Refusal refusal(List<Object> up) {
        assertThat(up).hasSize(1).first().isInstanceOf(ProxyRequest.Refusal.class);
        return (ProxyRequest.Refusal) up.getFirst();
    }

    @Test
    void aHeadShouldBeReadWhereverItsReadsSplitItAndGoOnInOriginFormWithoutTheProxysHeaders() {
        String head = "GET http://erp.virtual:44300/sap/x?$top=1 HTTP/1.1\r\n"
                + "Host: erp.virtual:44300\r\n"
                + TOKEN
                + "Accept: application/json\r\n"
                + "Connection: keep-alive, X-Private\r\n"
                + "X-Private: dropped\r\n"
                + "SAP-Connectivity-SCC-Location_ID:  berlin \r\n"
                + "SAP-Connectivity-Authentication: Bearer user.token\r\n"
                + "Mooring-Principal: forged\r\n"
                + "Expect: 100-continue\r\n"
                + "X-Name: J\u00fcrgen\r\n"
                + "Cookie: a=1\n"
                + "\r\n";
        for (int split = 1; split < head.length(); split += 7) {
            List<Object> up = read(head.substring(0, split), head.substring(split));

            assertThat(up).as("split at %d", split).hasSize(2).last().isEqualTo(ProxyRequest.End.INSTANCE);
            ProxyRequest request = (ProxyRequest) up.getFirst();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("http://erp.virtual:44300/sap/x?$top=1");
            assertThat(request.proxyAuthorization()).isEqualTo("Bearer abc.def-ghi");
            assertThat(request.authentication()).isEqualTo("Bearer user.token");
            assertThat(request.locationId()).isEqualTo("berlin");
            assertThat(request.keepAlive()).isTrue();
            assertThat(request.expectsContinue()).isTrue();
            assertThat(onLane(request, "alice"))
                    .isEqualTo("GET /sap/x?$top=1 HTTP/1.1\r\n"
                            + "host: erp.virtual:44300\r\n"
                            + "Accept: application/json\r\n"
                            + "X-Name: J\u00fcrgen\r\n"
                            + "Cookie: a=1\n"
                            + "mooring-principal: alice\r\n"
                            + "\r\n");
        }
    }

    @Test
    void bodiesShouldGoUpAsSentAndPipelinedRequestsAfterThem() {
        List<Object> up = read(
                "\r\nPOST http://erp:80/a HTTP/1.1\r\n" + TOKEN + "Content-Length: 5\r\n\r\nhel",
                "loPUT http://erp:80/b HTTP/1.1\r\n" + TOKEN + "Transfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n"
                        + "GET http://erp:80/c HTTP/1.0\r\n\r\n");

        assertThat(up).hasSize(9);
        assertThat(up.get(1)).isEqualTo("hel");
        assertThat(up.get(2)).isEqualTo("lo");
        assertThat(up.get(3)).isEqualTo(ProxyRequest.End.INSTANCE);
        ProxyRequest chunked = (ProxyRequest) up.get(4);
        assertThat(up.get(5)).isEqualTo("5;ext=1\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n");
        assertThat(up.get(6)).isEqualTo(ProxyRequest.End.INSTANCE);
        ProxyRequest old = (ProxyRequest) up.get(7);
        assertThat(up.get(8)).isEqualTo(ProxyRequest.End.INSTANCE);
        assertThat(onLane(chunked, null)).endsWith("\r\ntransfer-encoding: chunked\r\n\r\n");
        assertThat(old.keepAlive()).as("HTTP/1.0 without keep-alive").isFalse();
        assertThat(old.proxyAuthorization()).isNull();
        ((ProxyRequest) up.get(0)).release();
        old.release();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET http://erp:80/ HTTP/1.1\r\nX-Folded: a\r\n b\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\nX-Space : a\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\nNo colon\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\n: nameless\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\nX-Bad: a\u0001b\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\nX-Bad: a\rb\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n",
                "GET http://erp:80/ HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
                "POST http://erp:80/ HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                "POST http://erp:80/ HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
                "POST http://erp:80/ HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
                "POST http://erp:80/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET http://erp:80/a b HTTP/1.1\r\n\r\n",
                "GET http://erp:80/ HTTP/2.0\r\n\r\n",
                "GET\r\n\r\n",
                "G(T http://erp:80/ HTTP/1.1\r\n\r\n"
            })
    void aRequestThatCouldBeReadTwoWaysShouldBeRefusedAndNothingAfterItRead(String request) {
        List<Object> up = read(request + "GET http://erp:80/next HTTP/1.1\r\n\r\n");

        int refusal = up.size() - 1;
        assertThat(up.get(refusal)).isInstanceOf(ProxyRequest.Refusal.class);
        assertThat(((ProxyRequest.Refusal) up.get(refusal)).problem()).isEqualTo(ProxyProblem.MALFORMED_REQUEST);
        up.stream().filter(ProxyRequest.class::isInstance).forEach(head -> ((ProxyRequest) head).release());
        assertThat(read("GET http://erp:80/later HTTP/1.1\r\n\r\n")).isEmpty();
    }

    @Test
    void aControlCharacterInACredentialIsLeftForTheTokenCheck() {
        List<Object> up = read("GET http://erp:80/ HTTP/1.1\r\nProxy-Authorization: Bearer a\u0001b\r\n\r\n");

        ProxyRequest request = (ProxyRequest) up.getFirst();
        assertThat(request.proxyAuthorization()).isEqualTo("Bearer a\u0001b");
        request.release();
    }

    @Test
    void linesAndHeadsOverTheLimitsShouldBeRefusedWithTheirOwnProblems() {
        assertThat(refusal(read("GET http://erp:80/" + "a".repeat(8200) + " HTTP/1.1\r\n\r\n"))
                        .problem())
                .isEqualTo(ProxyProblem.URI_TOO_LONG);

        EmbeddedChannel longHeader = new EmbeddedChannel(new ProxyRequestDecoder());
        longHeader.writeInbound(Unpooled.copiedBuffer(
                "GET http://erp:80/ HTTP/1.1\r\nX-Long: " + "b".repeat(8190), StandardCharsets.US_ASCII));
        ProxyRequest.Refusal tooLong = longHeader.readInbound();
        assertThat(tooLong.problem()).isEqualTo(ProxyProblem.HEADER_TOO_LARGE);
        assertThat(tooLong.detail()).contains("X-Long");

        EmbeddedChannel manyHeaders = new EmbeddedChannel(new ProxyRequestDecoder());
        manyHeaders.writeInbound(Unpooled.copiedBuffer(
                "GET http://erp:80/ HTTP/1.1\r\n" + ("X-Many: " + "c".repeat(1000) + "\r\n").repeat(80),
                StandardCharsets.US_ASCII));
        ProxyRequest.Refusal tooLarge = manyHeaders.readInbound();
        assertThat(tooLarge.problem()).isEqualTo(ProxyProblem.HEADER_TOO_LARGE);
        assertThat(tooLarge.detail()).contains("64 KiB");
    }

    @Test
    void aLineOfExactlyTheLimitShouldBeRead() {
        String header = "X-Fits: " + "d".repeat(8192 - "X-Fits: ".length());
        List<Object> up = read("GET http://erp:80/ HTTP/1.1\r\n", header + "\r", "\n\r\n");

        assertThat(up).hasSize(2).first().isInstanceOf(ProxyRequest.class);
        ((ProxyRequest) up.getFirst()).release();
    }
}
