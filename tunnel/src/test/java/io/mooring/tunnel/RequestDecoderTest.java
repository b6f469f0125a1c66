package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How requests are read where they lie: heads, bodies as sent, and what is refused. */
class RequestDecoderTest {
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEAD = MAX_LINE + 64 * 1024;

    private EmbeddedChannel channel = checked();

    private static EmbeddedChannel checked() {
        return new EmbeddedChannel(RequestDecoder.checked(MAX_LINE, MAX_HEAD, List.of("proxy-authorization")));
    }

    /** What the decoder passes up for {@code parts}, each written as one read; bodies as text. */
    private List<Object> read(String... parts) {
        for (String part : parts) {
            // Direct memory a few bytes into a larger buffer, as a read from a socket lies in the allocator's chunk.
            byte[] bytes = part.getBytes(StandardCharsets.ISO_8859_1);
            channel.writeInbound(Unpooled.directBuffer(bytes.length + 5)
                    .writeZero(5)
                    .writeBytes(bytes)
                    .slice(5, bytes.length));
        }
        return readUp();
    }

    /** The parts arrive together, in one read that is not one piece (a DATA frame gathered from several reads). */
    private List<Object> readInOneCompositeRead(String... parts) {
        CompositeByteBuf read = Unpooled.compositeBuffer();
        for (String part : parts) {
            read.addComponent(true, Unpooled.copiedBuffer(part, StandardCharsets.ISO_8859_1));
        }
        channel.writeInbound(read);
        return readUp();
    }

    private List<Object> readUp() {
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

    /** The header lines that are not this hop's, as they would be passed on. */
    private static String passedOn(RequestHead request) {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            for (int i = 0; i < request.headers(); i++) {
                if (!request.isHopByHop(i)) {
                    request.writeLine(i, out);
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
            request.release();
        }
    }

    private static RequestRefusal refusal(List<Object> up) {
        assertThat(up).last().isInstanceOf(RequestRefusal.class);
        up.stream().filter(RequestHead.class::isInstance).forEach(head -> ((RequestHead) head).release());
        return (RequestRefusal) up.getLast();
    }

    @Test
    void aRequestAsksToUpgradeOnlyWithUpgradeNamedInConnectionAndWithoutABody() {
        assertThat(upgradeOf("GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n"))
                .isEqualTo("websocket");
        assertThat(upgradeOf("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")).isNull();
        assertThat(upgradeOf("GET /ws HTTP/1.1\r\nConnection: upgrade\r\n\r\n")).isNull();
        assertThat(upgradeOf("GET /ws HTTP/1.0\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n"))
                .isNull();
        assertThat(upgradeOf("POST /ws HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: h2c\r\nContent-Length: 1\r\n\r\nx"))
                .isNull();
    }

    @Test
    void afterPassThroughEveryByteGoesUpUnread() {
        EmbeddedChannel channel = new EmbeddedChannel(RequestDecoder.trusted(8192, 65536));
        channel.writeInbound(Unpooled.copiedBuffer(
                "GET /ws HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n", StandardCharsets.US_ASCII));
        RequestHead head = channel.readInbound();
        head.release();
        assertThat((Object) channel.readInbound()).isEqualTo(RequestEnd.INSTANCE);

        channel.pipeline().get(RequestDecoder.class).passThrough();
        channel.writeInbound(Unpooled.copiedBuffer("not a request\r\n\r\n", StandardCharsets.US_ASCII));

        ByteBuf bytes = channel.readInbound();
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("not a request\r\n\r\n");
        bytes.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static @Nullable String upgradeOf(String request) {
        EmbeddedChannel channel = new EmbeddedChannel(RequestDecoder.trusted(8192, 65536));
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        RequestHead head = channel.readInbound();
        String upgrade = head.upgrade();
        head.release();
        channel.finishAndReleaseAll();
        return upgrade;
    }

    @Test
    void aHeadShouldBeReadWhereverItsReadsSplitIt() {
        String head = "GET http://erp.virtual:44300/sap/x?$top=1 HTTP/1.1\r\n"
                + "Host: erp.virtual:44300\r\n"
                + "Proxy-Authorization: Bearer abc.def-ghi\r\n"
                + "Accept: application/json\r\n"
                + "Connection: keep-alive, X-Private\r\n"
                + "X-Private: dropped\r\n"
                + "SAP-Connectivity-SCC-Location_ID:  berlin \r\n"
                + "Mooring-Principal: forged\r\n"
                + "X-Name: J\u00fcrgen\r\n"
                + "Cookie: a=1\n"
                + "\r\n";
        for (int split = 1; split < head.length(); split += 7) {
            List<Object> up = split % 2 == 0
                    ? read(head.substring(0, split), head.substring(split))
                    : readInOneCompositeRead(head.substring(0, split), head.substring(split));

            assertThat(up).as("split at %d", split).hasSize(2).last().isEqualTo(RequestEnd.INSTANCE);
            RequestHead request = (RequestHead) up.getFirst();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("http://erp.virtual:44300/sap/x?$top=1");
            assertThat(request.value("proxy-authorization")).isEqualTo("Bearer abc.def-ghi");
            assertThat(request.value("sap-connectivity-scc-location_id")).isEqualTo("berlin");
            assertThat(request.value("x-missing")).isNull();
            assertThat(request.keepAlive()).isTrue();
            assertThat(request.chunked()).isFalse();
            assertThat(passedOn(request))
                    .as("the lines another hop gets: Connection, what it names, Proxy-*, SAP-Connectivity-* and "
                            + "mooring-* left out")
                    .isEqualTo("Host: erp.virtual:44300\r\n"
                            + "Accept: application/json\r\n"
                            + "X-Name: J\u00fcrgen\r\n"
                            + "Cookie: a=1\n");
        }
    }

    @Test
    void bodiesShouldGoUpAsSentAndPipelinedRequestsAfterThem() {
        List<Object> up = read(
                "\r\nPOST http://erp:80/a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel",
                "loPUT http://erp:80/b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n"
                        + "GET http://erp:80/c HTTP/1.0\r\n\r\n");

        assertThat(up).hasSize(9);
        assertThat(up.get(1)).isEqualTo("hel");
        assertThat(up.get(2)).isEqualTo("lo");
        assertThat(up.get(3)).isEqualTo(RequestEnd.INSTANCE);
        RequestHead chunked = (RequestHead) up.get(4);
        assertThat(chunked.chunked()).isTrue();
        assertThat(up.get(5)).isEqualTo("5;ext=1\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n");
        assertThat(up.get(6)).isEqualTo(RequestEnd.INSTANCE);
        RequestHead old = (RequestHead) up.get(7);
        assertThat(up.get(8)).isEqualTo(RequestEnd.INSTANCE);
        assertThat(old.http10()).isTrue();
        assertThat(old.keepAlive()).as("HTTP/1.0 without keep-alive").isFalse();
        List.of(up.get(0), chunked, old).forEach(head -> ((RequestHead) head).release());
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
                "GET http://erp:80/ HTTP/1.1\r\nX-Bad: a\u007fb\r\n\r\n",
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
        RequestRefusal refusal = refusal(read(request + "GET http://erp:80/next HTTP/1.1\r\n\r\n"));

        assertThat(refusal.reason()).isEqualTo(RequestRefusal.Reason.MALFORMED);
        assertThat(refusal.detail()).startsWith("The request is not valid HTTP/1.1: ");
        assertThat(read("GET http://erp:80/later HTTP/1.1\r\n\r\n")).isEmpty();
    }

    @Test
    void theHeadersNamedUncheckedAndEveryHeaderOfATrustedRequestShouldKeepTheirValues() {
        List<Object> up = read("GET http://erp:80/ HTTP/1.1\r\nProxy-Authorization: Bearer a\u0001b\r\n\r\n");
        RequestHead request = (RequestHead) up.getFirst();
        assertThat(request.value("proxy-authorization")).isEqualTo("Bearer a\u0001b");
        request.release();

        channel = new EmbeddedChannel(RequestDecoder.trusted(MAX_LINE, MAX_HEAD));
        RequestHead trusted =
                (RequestHead) read("GET /x HTTP/1.1\r\nX-Raw: a\u0001b\r\n\r\n").getFirst();
        assertThat(trusted.value("x-raw")).isEqualTo("a\u0001b");
        trusted.release();
    }

    @Test
    void linesAndHeadsOverTheLimitsShouldBeRefusedForWhatTheyAre() {
        assertThat(refusal(read("GET http://erp:80/" + "a".repeat(8200) + " HTTP/1.1\r\n\r\n"))
                        .reason())
                .isEqualTo(RequestRefusal.Reason.REQUEST_LINE_TOO_LONG);

        channel = checked();
        RequestRefusal longLine = refusal(read("GET http://erp:80/ HTTP/1.1\r\nX-Long: " + "b".repeat(8190)));
        assertThat(longLine.reason()).isEqualTo(RequestRefusal.Reason.HEADER_LINE_TOO_LONG);
        assertThat(longLine.detail()).contains("X-Long", "8192");

        channel = checked();
        RequestRefusal large =
                refusal(read("GET http://erp:80/ HTTP/1.1\r\n" + ("X-Many: " + "c".repeat(1000) + "\r\n").repeat(80)));
        assertThat(large.reason()).isEqualTo(RequestRefusal.Reason.HEAD_TOO_LARGE);
        assertThat(large.detail()).contains("72 KiB");
    }

    @Test
    void aLineOfExactlyTheLimitShouldBeRead() {
        String header = "X-Fits: " + "d".repeat(MAX_LINE - "X-Fits: ".length());
        List<Object> up = read("GET http://erp:80/ HTTP/1.1\r\n", header + "\r", "\n\r\n");

        assertThat(up).hasSize(2).first().isInstanceOf(RequestHead.class);
        ((RequestHead) up.getFirst()).release();
    }
}
