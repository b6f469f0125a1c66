package io.mooring.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One kept-alive HTTP/1.1 connection to a loopback server, as lean as a load driver should be: it writes a request
 * and reads the status, the headers it needs and the body (Content-Length or chunked). Not thread-safe; one per
 * client.
 */
final class LoopbackConnection implements AutoCloseable {
    private final URI base;
    private final String host;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    LoopbackConnection(URI base) throws IOException {
        this.base = base;
        this.host = base.getHost() + ":" + base.getPort();
        open();
    }

    /** (Re)connects: servers close kept-alive connections now and then (Tomcat after 100 requests). */
    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** Sends a POST with a JSON body and returns the status and the body. */
    Response post(String path, String bearer, String json) throws IOException {
        return send("POST", path, bearer, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a GET and returns the status and the body. */
    Response get(String path, String bearer) throws IOException {
        return send("GET", path, bearer, null);
    }

    /** Sends a DELETE without a body and returns the status and the body. */
    Response delete(String path, String bearer) throws IOException {
        return send("DELETE", path, bearer, null);
    }

    private Response send(String method, String path, String bearer, byte[] body) throws IOException {
        if (socket.isClosed()) {
            open();
        }
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (length > 0) {
            body.write(in.readNBytes((int) length));
        }
        if (close) {
            socket.close();
        }
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A status code and a body. */
    record Response(int status, String body) {}
}
