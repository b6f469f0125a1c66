package io.mooring.server.servicebinding;

import org.jspecify.annotations.Nullable;

/** Request bodies of the service instance API. */
final class ServiceRequests {
    private ServiceRequests() {}

    record NewInstance(
            @Nullable String name,
            @Nullable ServiceOffering offering,
            @Nullable String plan) {}

    record NewBinding(@Nullable String name) {}
}
