package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFramerTest {
    private static final String FIXED = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    private static final String CHUNKED = "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "3;name=value\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nTrailer-One: t\r\n\r\n";
    private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\nx-one: 1\r\n\r\n";
    private static final String CONTINUED =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
    private static final String EMPTY = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    private static final String CHUNKED_NO_TRAILERS =
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";

    @Test
    void anAnswerInOneBufferGoesUpAsItsHeadItsBodyAndItsEnd() {
        EmbeddedChannel lane = new EmbeddedChannel(AnswerFramer.framed());

        lane.writeInbound(ascii(FIXED));

        assertTheFixedAnswerIsNext(lane);
        assertThat(lane.finish()).isFalse();
    }

    /** The {@link #FIXED} answer goes up next: its head, its body and its end. */
    private static void assertTheFixedAnswerIsNext(EmbeddedChannel lane) {
        AnswerHead head = lane.readInbound();
        assertThat(head.content().toString(StandardCharsets.US_ASCII))
                .isEqualTo(FIXED.substring(0, FIXED.length() - 5));
        assertThat(head.interim()).isFalse();
        head.release();
        ByteBuf body = lane.readInbound();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        body.release();
        assertThat((Object) lane.readInbound()).isEqualTo(AnswerEnd.INSTANCE);
    }

    @Test
    void aSwitchToTheProtocolTheRequestAskedForPassesEverythingAfterItUntilTheLaneCloses() {
        EmbeddedChannel lane = new EmbeddedChannel(AnswerFramer.framed());
        lane.pipeline().get(AnswerFramer.class).expect(false, true);
        String switching = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";

        lane.writeInbound(ascii(switching + "HTTP/1.1 200 not a head any more\r\n\r\n"));

        AnswerHead head = lane.readInbound();
        assertThat(head.switchesProtocols()).isTrue();
        assertThat(head.interim()).isFalse();
        assertThat(head.content().toString(StandardCharsets.US_ASCII)).isEqualTo(switching);
        head.release();
        ByteBuf after = lane.readInbound();
        assertThat(after.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 not a head any more\r\n\r\n");
        after.release();
        assertThat((Object) lane.readInbound()).isNull();
        lane.close();
        assertThat((Object) lane.readInbound()).isEqualTo(AnswerEnd.INSTANCE);
    }

    @Test
    void a101ToARequestThatDidNotAskToUpgradeIsAnInterimAnswer() {
        EmbeddedChannel lane = new EmbeddedChannel(AnswerFramer.framed());

        lane.writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n" + FIXED));

        AnswerHead interim = lane.readInbound();
        assertThat(interim.interim()).isTrue();
        assertThat(interim.switchesProtocols()).isFalse();
        interim.release();
        assertTheFixedAnswerIsNext(lane);
    }

    @Test
    void answersEndWhereTheirFramingSaysHoweverTheBytesAreSplit() {
        List<String> answers = List.of(FIXED, CHUNKED, NO_CONTENT, CONTINUED, EMPTY, CHUNKED_NO_TRAILERS);
        String all = String.join("", answers);
        List<Integer> ends = new ArrayList<>();
        int offset = 0;
        for (String answer : answers) {
            offset += answer.length();
            ends.add(offset);
        }
        for (int first = 0; first <= all.length(); first++) {
            for (int second = first; second <= all.length(); second += 7) {
                EmbeddedChannel lane = new EmbeddedChannel(AnswerFramer.framed());
                lane.writeInbound(ascii(all.substring(0, first)));
                lane.writeInbound(ascii(all.substring(first, second)));
                lane.writeInbound(inTwoPieces(all.substring(second)));

                ByteArrayOutputStream passed = new ByteArrayOutputStream();
                List<Integer> seenEnds = new ArrayList<>();
                Object read;
                while ((read = lane.readInbound()) != null) {
                    if (read == AnswerEnd.INSTANCE) {
                        seenEnds.add(passed.size());
                        continue;
                    }
                    ByteBuf bytes = read instanceof AnswerHead head ? head.content() : (ByteBuf) read;
                    if (read instanceof AnswerHead) {
                        assertThat(bytes.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 ");
                    }
                    byte[] copy = new byte[bytes.readableBytes()];
                    bytes.readBytes(copy);
                    passed.writeBytes(copy);
                    ((io.netty.util.ReferenceCounted) read).release();
                }
                String split = "split at " + first + " and " + second;
                assertThat(passed.toString(StandardCharsets.US_ASCII)).as(split).isEqualTo(all);
                assertThat(seenEnds).as(split).isEqualTo(ends);
                assertThat(lane.finish()).as(split).isFalse();
            }
        }
    }

    @Test
    void anAnswerToHeadEndsWithItsHeadWhateverItsContentLength() {
        AnswerFramer framer = AnswerFramer.framed();
        EmbeddedChannel lane = new EmbeddedChannel(framer);
        framer.expect(true, false);

        lane.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"));

        AnswerHead head = lane.readInbound();
        head.release();
        assertThat((Object) lane.readInbound()).isEqualTo(AnswerEnd.INSTANCE);

        framer.expect(false, false);
        lane.writeInbound(ascii(FIXED));
        head = lane.readInbound();
        head.release();
        ByteBuf body = lane.readInbound();
        assertThat(body.readableBytes()).isEqualTo(5);
        body.release();
        assertThat((Object) lane.readInbound()).isEqualTo(AnswerEnd.INSTANCE);
        assertThat(lane.finish()).isFalse();
    }

    @Test
    void anAnswerThatCannotBeFramedClosesTheLane() {
        for (String broken : List.of(
                "HTTP/1.1 200 OK\r\nx: y\r\n\r\nno length, no chunks",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 6\r\n\r\nhello!",
                "HTTP/1.1 200 OK\r\nContent-Length: five\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
                "garbage\r\n\r\n")) {
            EmbeddedChannel lane = new EmbeddedChannel(AnswerFramer.framed());

            lane.writeInbound(ascii(broken));

            assertThat(lane.isOpen()).as(broken).isFalse();
            Object read;
            while ((read = lane.readInbound()) != null) {
                io.netty.util.ReferenceCountUtil.release(read);
            }
        }
    }

    @Test
    void fromABackEndAnAnswerWithoutLengthOrChunksEndsWhenTheConnectionCloses() {
        EmbeddedChannel backend = new EmbeddedChannel(AnswerFramer.untilClose());

        backend.writeInbound(ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst "));
        backend.writeInbound(ascii("second"));

        AnswerHead head = backend.readInbound();
        assertThat(head.untilClose()).isTrue();
        assertThat(head.chunked()).isFalse();
        head.release();
        ByteBuf first = backend.readInbound();
        ByteBuf second = backend.readInbound();
        assertThat(first.toString(StandardCharsets.US_ASCII) + second.toString(StandardCharsets.US_ASCII))
                .isEqualTo("first second");
        first.release();
        second.release();
        assertThat((Object) backend.readInbound()).as("no end before the close").isNull();

        backend.close();

        assertThat((Object) backend.readInbound()).isEqualTo(AnswerEnd.INSTANCE);
    }

    @Test
    void aHeadOverTheLimitClosesTheLaneAndKeepsNothing() {
        EmbeddedChannel lane = new EmbeddedChannel(AnswerFramer.framed());
        String line = "x-filler: " + "f".repeat(1000) + "\r\n";

        lane.writeInbound(ascii("HTTP/1.1 200 OK\r\n"));
        for (int i = 0; lane.isOpen() && i < 100; i++) {
            lane.writeInbound(ascii(line));
        }

        assertThat(lane.isOpen()).isFalse();
        assertThat((Object) lane.readInbound()).isNull();
    }

    /** The bytes as a frame gathered from two socket reads carries them: a composite of two buffers. */
    private static ByteBuf inTwoPieces(String text) {
        int half = text.length() / 2;
        return Unpooled.compositeBuffer()
                .addComponent(true, ascii(text.substring(0, half)))
                .addComponent(true, ascii(text.substring(half)));
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
