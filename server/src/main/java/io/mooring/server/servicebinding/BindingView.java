package io.mooring.server.servicebinding;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A binding as the API shows it; {@code credentials} only where the caller may see them. */
public record BindingView(
        UUID id,
        String name,
        UUID instanceId,
        String clientId,
        Instant createdAt,
        @Nullable Map<String, Object> credentials) {}
