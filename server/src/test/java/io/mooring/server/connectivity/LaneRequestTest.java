package io.mooring.server.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bytes a proxied request goes on a lane as. */
class LaneRequestTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static String text(ByteBuf bytes) {
        try {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        } finally {
            bytes.release();
        }
    }

    @Test
    void theHeadShouldBeOriginFormWithTheVirtualHostAndWithoutTheProxysOrTheHopsHeaders() {
        HttpRequest request = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, "http://erp.virtual:44300/sap/opu/odata/x?$top=1");
        request.headers()
                .add("Host", "ignored:1")
                .add("Accept", "application/json")
                .add("Connection", "keep-alive, X-Private")
                .add("X-Private", "dropped")
                .add("Proxy-Authorization", "Bearer secret")
                .add("SAP-Connectivity-SCC-Location_ID", "berlin")
                .add("Mooring-Principal", "forged")
                .add("X-Name", "J\u00fcrgen")
                .add("Cookie", "a=1")
                .add("Cookie", "b=2");

        String head = text(LaneRequest.of(false)
                .head(ALLOC, request, "erp.virtual:44300", "/sap/opu/odata/x?$top=1", "alice@example.com"));

        assertThat(head)
                .isEqualTo("GET /sap/opu/odata/x?$top=1 HTTP/1.1\r\n"
                        + "host: erp.virtual:44300\r\n"
                        + "Accept: application/json\r\n"
                        + "X-Name: J\u00fcrgen\r\n"
                        + "Cookie: a=1\r\n"
                        + "Cookie: b=2\r\n"
                        + "mooring-principal: alice@example.com\r\n"
                        + "\r\n");
    }

    @Test
    void aChunkedBodyShouldGoOnInChunksWithItsTrailers() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "http://erp:80/upload");
        request.headers().add("Transfer-Encoding", "chunked").add("Trailer", "X-Checksum");
        LaneRequest framing = LaneRequest.of(true);

        String head = text(framing.head(ALLOC, request, "erp:80", "/upload", null));
        String first = text(framing.body(ALLOC, new DefaultHttpContent(ascii("hello world, "))));
        String empty = text(framing.body(ALLOC, new DefaultHttpContent(Unpooled.EMPTY_BUFFER)));
        LastHttpContent last = new DefaultLastHttpContent(ascii("bye"));
        last.trailingHeaders().add("X-Checksum", "42");
        String end = text(framing.body(ALLOC, last));

        assertThat(head).isEqualTo("POST /upload HTTP/1.1\r\nhost: erp:80\r\ntransfer-encoding: chunked\r\n\r\n");
        assertThat(first).isEqualTo("d\r\nhello world, \r\n");
        assertThat(empty).isEmpty();
        assertThat(end).isEqualTo("3\r\nbye\r\n0\r\nX-Checksum: 42\r\n\r\n");
    }

    @Test
    void aBodyOfKnownLengthShouldGoOnAsItCame() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "http://erp:80/upload");
        request.headers().add("Content-Length", "6");
        LaneRequest framing = LaneRequest.of(false);

        String head = text(framing.head(ALLOC, request, "erp:80", "/upload", null));
        String body = text(framing.body(ALLOC, new DefaultHttpContent(ascii("abc"))))
                + text(framing.body(ALLOC, new DefaultLastHttpContent(ascii("def"))));

        assertThat(head).isEqualTo("PUT /upload HTTP/1.1\r\nhost: erp:80\r\nContent-Length: 6\r\n\r\n");
        assertThat(body).isEqualTo("abcdef");
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
