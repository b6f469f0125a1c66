package io.mooring.server.platform.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list; pass {@code nextCursor} back as {@code cursor} to get the next one, until it is null. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
