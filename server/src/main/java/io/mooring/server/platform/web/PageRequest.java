package io.mooring.server.platform.web;

import io.mooring.server.platform.problem.MooringProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated page size and an opaque cursor: the sort-key values of the last item of the previous page, so
 * that pages stay stable while rows are added and never re-read skipped rows.
 */
public record PageRequest(int limit, List<String> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String SEPARATOR = ".";

    public PageRequest {
        after = List.copyOf(after);
    }

    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor, int keyCount) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw MooringProblem.invalidInput("'limit' must be between 1 and " + MAX_LIMIT + "; it was " + size + ".");
        }
        return new PageRequest(size, cursor == null || cursor.isEmpty() ? List.of() : decode(cursor, keyCount));
    }

    public boolean isFirst() {
        return after.isEmpty();
    }

    /** The page of up to {@link #limit()} items from rows fetched with one extra, which tells whether more exist. */
    public <T> Page<T> page(List<T> fetchedWithOneMore, java.util.function.Function<T, List<String>> sortKey) {
        if (fetchedWithOneMore.size() <= limit) {
            return new Page<>(fetchedWithOneMore, null);
        }
        List<T> items = fetchedWithOneMore.subList(0, limit);
        return new Page<>(items, encode(sortKey.apply(items.getLast())));
    }

    /** Each key in URL-safe base64, joined by dots: any key text survives, and the cursor fits in a URL. */
    static String encode(List<String> keys) {
        return keys.stream()
                .map(key ->
                        Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8)))
                .collect(java.util.stream.Collectors.joining(SEPARATOR));
    }

    private static List<String> decode(String cursor, int keyCount) {
        try {
            List<String> keys = java.util.Arrays.stream(cursor.split("\\.", -1))
                    .map(part -> new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))
                    .toList();
            if (keys.size() == keyCount) {
                return keys;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below like any other cursor that Mooring did not make
        }
        throw MooringProblem.invalidInput(
                "'cursor' is not one Mooring handed out; pass the 'nextCursor' of the previous page unchanged.");
    }
}
