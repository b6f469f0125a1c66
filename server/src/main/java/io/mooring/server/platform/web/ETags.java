package io.mooring.server.platform.web;

import io.mooring.server.platform.problem.MooringProblem;
import org.jspecify.annotations.Nullable;

/** Versions of stored objects as HTTP entity tags, and back from {@code If-Match}. */
public final class ETags {
    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names; null when there is none or it is {@code *}.
     *
     * @param what the kind of object, for the error message
     */
    public static @Nullable Long version(@Nullable String ifMatch, String what) {
        if (ifMatch == null || ifMatch.equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw MooringProblem.invalidInput(
                    "If-Match must be the ETag of the " + what + " as last read, such as \"3\".");
        }
    }
}
