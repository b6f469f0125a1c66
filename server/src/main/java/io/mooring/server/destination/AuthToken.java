package io.mooring.server.destination;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code authTokens} in a "find destination" answer: the token, the header to send it in, how many
 * seconds it stays valid (a string, as SAP writes it), or an error with empty type and value.
 */
record AuthToken(
        String type,
        String value,
        @Nullable Long expiresIn,
        @Nullable String error) {
    static AuthToken of(String type, String value, @Nullable Long expiresIn) {
        return new AuthToken(type, value, expiresIn, null);
    }

    static AuthToken failed(String error) {
        return new AuthToken("", "", null, error);
    }

    boolean failed() {
        return error != null;
    }

    /** The header to send: {@code Authorization: <type> <value>}. */
    String headerValue() {
        return failed() ? "" : type + " " + value;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("value", value);
        Map<String, String> header = new LinkedHashMap<>();
        header.put("key", "Authorization");
        header.put("value", headerValue());
        json.put("http_header", header);
        if (expiresIn != null) {
            json.put("expires_in", String.valueOf(expiresIn));
        }
        if (error != null) {
            json.put("error", error);
        }
        return json;
    }
}
