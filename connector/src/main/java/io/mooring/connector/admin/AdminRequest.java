package io.mooring.connector.admin;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated call of the admin API, read off the wire.
 *
 * @param path the decoded path, without query
 * @param query the decoded query parameters
 */
record AdminRequest(String method, String path, Map<String, List<String>> query, byte[] body) {

    /** The first value of a query parameter, or {@code null}. */
    @Nullable
    String parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
