package io.mooring.server.landscape.system;

import org.jspecify.annotations.Nullable;

/** Filters of a system list; null means "any". A label filter matches a key, or a key with its value. */
public record SystemQuery(
        @Nullable String type,
        @Nullable SystemStatus status,
        @Nullable String nameContains,
        @Nullable String labelKey,
        @Nullable String labelValue) {}
