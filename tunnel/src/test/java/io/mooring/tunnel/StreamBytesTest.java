package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamBytesTest {
    @Test
    void aFrameGatheredFromSeveralReadsGoesUpInOnePieceWithItsBytesInOrder() {
        EmbeddedChannel stream = new EmbeddedChannel(StreamBytes.contiguous());
        CompositeByteBuf pieces = Unpooled.compositeBuffer();
        pieces.addComponent(true, Unpooled.directBuffer().writeBytes(bytes("HTTP/1.1 200 OK\r\n")));
        pieces.addComponent(true, Unpooled.directBuffer().writeBytes(bytes("Content-Length: 5\r\n\r\n")));
        pieces.addComponent(true, Unpooled.directBuffer().writeBytes(bytes("hello")));
        pieces.skipBytes(9); // a frame's bytes need not start at the first piece's start

        stream.writeInbound(new DefaultHttp2DataFrame(pieces));

        ByteBuf read = stream.readInbound();
        assertThat(read.isContiguous()).isTrue();
        assertThat(read.toString(StandardCharsets.US_ASCII)).isEqualTo("200 OK\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(pieces.refCnt()).as("the frame is released").isZero();
        read.release();
        assertThat(stream.finish()).isFalse();
    }

    @Test
    void readAsReceivedAFrameGatheredFromSeveralReadsGoesUpAsItsPieces() {
        EmbeddedChannel stream = new EmbeddedChannel(StreamBytes.asReceived());
        CompositeByteBuf pieces = Unpooled.compositeBuffer();
        pieces.addComponent(true, Unpooled.directBuffer().writeBytes(bytes("first ")));
        pieces.addComponent(true, Unpooled.directBuffer().writeBytes(bytes("second")));

        stream.writeInbound(new DefaultHttp2DataFrame(pieces));

        ByteBuf read = stream.readInbound();
        assertThat(read).isSameAs(pieces);
        assertThat(read.toString(StandardCharsets.US_ASCII)).isEqualTo("first second");
        assertThat(read.refCnt()).isOne();
        read.release();
        assertThat(stream.finish()).isFalse();
    }

    @Test
    void aFrameInOnePieceGoesUpAsItIs() {
        EmbeddedChannel stream = new EmbeddedChannel(StreamBytes.contiguous());
        ByteBuf content = Unpooled.directBuffer().writeBytes(bytes("GET / HTTP/1.1\r\n\r\n"));

        stream.writeInbound(new DefaultHttp2DataFrame(content));

        ByteBuf read = stream.readInbound();
        assertThat(read).isSameAs(content);
        assertThat(read.refCnt()).isOne();
        read.release();
        assertThat(stream.finish()).isFalse();
    }

    @Test
    void smallWritesBetweenFlushesLeaveAsOneFrame() {
        EmbeddedChannel stream = new EmbeddedChannel(StreamBytes.contiguous());

        stream.write(Unpooled.copiedBuffer(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n")));
        stream.write(Unpooled.copiedBuffer(bytes("ok")));
        stream.flush();

        Http2DataFrame frame = stream.readOutbound();
        assertThat(frame.content().toString(StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        frame.release();
        assertThat((Object) stream.readOutbound()).isNull();
        assertThat(stream.finish()).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
