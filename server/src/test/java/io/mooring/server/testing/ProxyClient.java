package io.mooring.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that writes requests byte for byte as a test spells them, so that malformed, oversized and
 * proxy-specific requests reach the connectivity proxy exactly as written. One keep-alive connection.
 */
public final class ProxyClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long pauseAfter = Long.MAX_VALUE;
    private java.time.Duration pauseFor = java.time.Duration.ZERO;

    public ProxyClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What came back: status, headers (lower-case names) and the body, or only its length when it was skipped. */
    public record Response(int status, Map<String, String> headers, String body, long bodyBytes) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends a request without a body: the request line and headers as given, then an empty line. */
    public Response send(String requestLine, String... headers) {
        write(head(requestLine, headers));
        return read(true);
    }

    public void write(String text) {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String head(String requestLine, String... headers) {
        StringBuilder text = new StringBuilder(requestLine).append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    /** Reads one response; with {@code keepBody} false the body is only counted (for large downloads). */
    public Response read(boolean keepBody) {
        return read(keepBody, false);
    }

    /** Reads the response to a {@code HEAD} request: its status line and headers, and no body whatever they say. */
    public Response readAnswerToHead() {
        return read(false, true);
    }

    private Response read(boolean keepBody, boolean toHead) {
        try {
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("The connection closed before a response came");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = line()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long length;
            if (toHead) {
                length = 0;
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                length = 0;
                long chunk;
                while ((chunk = Long.parseLong(line().split(";")[0].trim(), 16)) > 0) {
                    length += copy(chunk, keepBody ? body : null);
                    line();
                }
                while ((line = line()) != null && !line.isEmpty()) {
                    // trailers
                }
            } else if (headers.containsKey("content-length")) {
                length = copy(Long.parseLong(headers.get("content-length")), keepBody ? body : null);
            } else {
                length = copy(Long.MAX_VALUE, keepBody ? body : null);
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one response, counting its body without keeping it, and stops reading for {@code pause} once
     * {@code after} bytes of the body have arrived: the proxy has to hold the rest back rather than buffer it.
     */
    public Response readPausingAfter(long after, java.time.Duration pause) {
        pauseAfter = after;
        pauseFor = pause;
        try {
            return read(false);
        } finally {
            pauseAfter = Long.MAX_VALUE;
        }
    }

    /** True when the proxy has closed this connection (reading finds its end). */
    public boolean closedByPeer() {
        try {
            socket.setSoTimeout(5_000);
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private long copy(long bytes, ByteArrayOutputStream into) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        while (copied < bytes) {
            if (copied >= pauseAfter) {
                pauseAfter = Long.MAX_VALUE;
                try {
                    Thread.sleep(pauseFor.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - copied));
            if (read < 0) {
                if (bytes == Long.MAX_VALUE) {
                    break;
                }
                throw new IOException("The body ended after " + copied + " of " + bytes + " bytes");
            }
            if (into != null) {
                into.write(buffer, 0, read);
            }
            copied += read;
        }
        return copied;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = in.read()) >= 0) {
            if (next == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) next);
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
