package io.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadBytesTest {
    private static long contentLength(String value) {
        ByteBuf bytes = Unpooled.copiedBuffer("Content-Length:" + value + "\r\n", StandardCharsets.ISO_8859_1);
        try {
            return HeadBytes.contentLength(bytes, 15, bytes.writerIndex() - 1);
        } finally {
            bytes.release();
        }
    }

    @Test
    void aRegionEqualsTheExpectedBytesOnlyWhenEveryByteMatchesWhereverTheBytesLie() {
        String token = "Bearer " + "eyJhbGciOiJSUzI1NiJ9.".repeat(30) + "end";
        ByteBuffer expected = ByteBuffer.wrap(token.getBytes(StandardCharsets.ISO_8859_1));
        byte[] line = ("Proxy-Authorization: " + token + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        int from = "Proxy-Authorization: ".length();
        byte[] lastByteDiffers = line.clone();
        lastByteDiffers[from + token.length() - 1] = 'E';

        ByteBuf heap = Unpooled.wrappedBuffer(line);
        ByteBuf direct = Unpooled.directBuffer(line.length).writeBytes(line);
        ByteBuf inTwoPieces = Unpooled.wrappedBuffer(
                Unpooled.wrappedBuffer(line, 0, 100), Unpooled.wrappedBuffer(line, 100, line.length - 100));
        ByteBuf directDiffering = Unpooled.directBuffer(line.length).writeBytes(lastByteDiffers);
        try {
            assertThat(HeadBytes.regionEquals(heap, from, expected)).isTrue();
            assertThat(HeadBytes.regionEquals(direct, from, expected)).isTrue();
            assertThat(inTwoPieces.nioBufferCount()).isEqualTo(2);
            assertThat(HeadBytes.regionEquals(inTwoPieces, from, expected)).isTrue();
            assertThat(HeadBytes.regionEquals(directDiffering, from, expected)).isFalse();
            assertThat(HeadBytes.regionEquals(direct, from - 1, expected)).isFalse();
            assertThat(expected.position())
                    .as("the expected bytes are left as they were")
                    .isZero();
        } finally {
            heap.release();
            direct.release();
            inTwoPieces.release();
            directDiffering.release();
        }
    }

    @Test
    void theFirstIndexOfAByteIsFoundInAnyViewWhereverItLies() {
        Random random = new Random(20261207);
        byte[] alphabet = {'\n', '\r', ':', 'a', 'Z', ' ', 0, (byte) 0x80, (byte) 0xff, (byte) 0x8a, 0x7f};
        for (int round = 0; round < 2_000; round++) {
            byte[] content = new byte[random.nextInt(80)];
            for (int i = 0; i < content.length; i++) {
                content[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            byte value = alphabet[random.nextInt(alphabet.length)];
            int from = content.length == 0 ? 0 : random.nextInt(content.length);
            int to = from + random.nextInt(content.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (content[i] == value) {
                    expected = i;
                    break;
                }
            }
            int offset = random.nextInt(9);
            byte[] shifted = new byte[offset + content.length];
            System.arraycopy(content, 0, shifted, offset, content.length);
            ByteBuffer heap = ByteBuffer.wrap(shifted);
            ByteBuffer direct =
                    ByteBuffer.allocateDirect(shifted.length).put(shifted).clear();
            ByteBuffer littleEndian = ByteBuffer.allocateDirect(shifted.length)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .put(shifted)
                    .clear();
            for (ByteBuffer view : new ByteBuffer[] {heap, direct, littleEndian}) {
                assertThat(HeadBytes.indexOf(view, from + offset, to + offset, value))
                        .as("%s from %d to %d after %d bytes in %s", value, from, to, offset, view)
                        .isEqualTo(expected < 0 ? -1 : expected + offset);
            }
        }
    }

    @Test
    void aNameMatchesInAnyCaseWhereverTheBytesLie() {
        byte[] line = "xX-Forwarded-HOST: example\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int colon = "xX-Forwarded-HOST".length();
        ByteBuf heap = Unpooled.wrappedBuffer(line);
        ByteBuf direct = Unpooled.directBuffer(line.length).writeBytes(line);
        ByteBuf inTwoPieces = Unpooled.wrappedBuffer(
                Unpooled.wrappedBuffer(line, 0, 9), Unpooled.wrappedBuffer(line, 9, line.length - 9));
        try {
            for (ByteBuf bytes : new ByteBuf[] {heap, direct, inTwoPieces}) {
                assertThat(HeadBytes.isName(bytes, 1, colon, "x-forwarded-host"))
                        .isTrue();
                assertThat(HeadBytes.isName(bytes, 1, colon, "x-forwarded-hos")).isFalse();
                assertThat(HeadBytes.isName(bytes, 1, colon, "x-forwarded-hosu"))
                        .isFalse();
                assertThat(HeadBytes.startsWith(bytes, 1, colon, "x-forwarded-"))
                        .isTrue();
                assertThat(HeadBytes.startsWith(bytes, 0, colon, "x-forwarded-"))
                        .isFalse();
                assertThat(HeadBytes.startsWith(bytes, 1, 5, "x-forwarded-"))
                        .as("the prefix is longer than the bytes")
                        .isFalse();
                // '[' and '{' differ from '{' and '[' only in the bit that tells upper from lower case letters.
                assertThat(HeadBytes.startsWith(Unpooled.wrappedBuffer(new byte[] {'['}), 0, 1, "{"))
                        .isFalse();
                assertThat(bytes.readerIndex()).isZero();
            }
        } finally {
            heap.release();
            direct.release();
            inTwoPieces.release();
        }
    }

    @Test
    void aContentLengthIsItsDigitsWithBlanksAround() {
        assertThat(contentLength("12")).isEqualTo(12);
        assertThat(contentLength(" \t0 ")).isZero();
        assertThat(contentLength(" 9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1 2", "+1", "-1", "12a", "0x10", "1,1", "92233720368547758070"})
    void anythingElseIsRefused(String value) {
        assertThatThrownBy(() -> contentLength(value)).isInstanceOf(DecoderException.class);
    }

    @Test
    void chunkedMustBeTheLastCoding() {
        assertThat(endsWithChunked(" chunked")).isTrue();
        assertThat(endsWithChunked("gzip, Chunked ")).isTrue();
        assertThat(endsWithChunked("chunked, gzip")).isFalse();
        assertThat(endsWithChunked("xchunked")).isFalse();
        assertThat(endsWithChunked("")).isFalse();
    }

    private static boolean endsWithChunked(String value) {
        ByteBuf bytes = Unpooled.copiedBuffer(value, StandardCharsets.ISO_8859_1);
        try {
            return HeadBytes.endsWithChunked(bytes, 0, bytes.writerIndex());
        } finally {
            bytes.release();
        }
    }
}
