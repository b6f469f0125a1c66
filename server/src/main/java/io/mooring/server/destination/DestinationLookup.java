package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * "Find destination": the destination of a name as the bound application sees it (its instance's first, then its
 * subaccount's), with its authentication resolved into {@code authTokens} and the certificates it names.
 */
@Service
public class DestinationLookup {
    private static final List<String> CERTIFICATE_PROPERTIES = List.of("KeyStoreLocation", "TrustStoreLocation");

    private final Destinations destinations;
    private final Certificates certificates;
    private final AuthTokens authTokens;

    DestinationLookup(Destinations destinations, Certificates certificates, AuthTokens authTokens) {
        this.destinations = requireNonNull(destinations, "destinations");
        this.certificates = requireNonNull(certificates, "certificates");
        this.authTokens = requireNonNull(authTokens, "authTokens");
    }

    /**
     * The answer to {@code GET /destination-configuration/v1/destinations/{name}}, or empty when no destination has
     * the name. {@code skipTokens} leaves token retrieval out; {@code skipCredentials} leaves secrets, tokens and
     * certificate contents out.
     */
    public Optional<Map<String, Object>> find(
            DestinationOwner instance,
            String name,
            Supplier<@Nullable String> userToken,
            boolean skipTokens,
            boolean skipCredentials) {
        return destinations.find(instance, name).map(destination -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("owner", owner(destination.owner()));
            answer.put(
                    "destinationConfiguration",
                    skipCredentials ? destination.withoutSecrets() : destination.properties());
            if (!skipTokens && !skipCredentials) {
                List<AuthToken> tokens = authTokens.resolve(destination, userToken);
                if (!tokens.isEmpty()) {
                    answer.put(
                            "authTokens", tokens.stream().map(AuthToken::toJson).toList());
                }
            }
            if (!skipCredentials) {
                List<Map<String, String>> found = certificatesOf(instance, destination);
                if (!found.isEmpty()) {
                    answer.put("certificates", found);
                }
            }
            return answer;
        });
    }

    /** The tokens a destination's authentication resolves to without a user, for checking its connection. */
    List<AuthToken> tokens(StoredDestination destination) {
        return authTokens.resolve(destination, () -> null);
    }

    private List<Map<String, String>> certificatesOf(DestinationOwner instance, StoredDestination destination) {
        List<Map<String, String>> found = new ArrayList<>();
        for (String property : CERTIFICATE_PROPERTIES) {
            String location = destination.properties().get(property);
            if (location != null) {
                certificates.find(instance, location).map(Certificate::toJson).ifPresent(found::add);
            }
        }
        return found;
    }

    private static Map<String, Object> owner(DestinationOwner owner) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "SubaccountId",
                owner.isInstanceLevel() ? null : owner.subaccountId().toString());
        json.put("InstanceId", owner.isInstanceLevel() ? owner.ownerId().toString() : null);
        return json;
    }
}
