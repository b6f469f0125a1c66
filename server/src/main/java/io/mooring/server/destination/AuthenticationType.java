package io.mooring.server.destination;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The values of a destination's {@code Authentication} property that Mooring resolves, with what each needs. */
enum AuthenticationType {
    NO_AUTHENTICATION("NoAuthentication", List.of()),
    BASIC_AUTHENTICATION("BasicAuthentication", List.of("User", "Password")),
    OAUTH2_CLIENT_CREDENTIALS("OAuth2ClientCredentials", List.of("clientId", "clientSecret", "tokenServiceURL")),
    OAUTH2_PASSWORD("OAuth2Password", List.of("clientId", "clientSecret", "tokenServiceURL", "User", "Password")),
    OAUTH2_JWT_BEARER("OAuth2JWTBearer", List.of("clientId", "clientSecret", "tokenServiceURL")),
    OAUTH2_USER_TOKEN_EXCHANGE("OAuth2UserTokenExchange", List.of("clientId", "clientSecret", "tokenServiceURL")),
    CLIENT_CERTIFICATE_AUTHENTICATION("ClientCertificateAuthentication", List.of("KeyStoreLocation")),
    PRINCIPAL_PROPAGATION("PrincipalPropagation", List.of());

    static final String PROPERTY = "Authentication";

    private final String value;
    private final List<String> requiredProperties;

    AuthenticationType(String value, List<String> requiredProperties) {
        this.value = value;
        this.requiredProperties = requiredProperties;
    }

    String value() {
        return value;
    }

    List<String> requiredProperties() {
        return requiredProperties;
    }

    /** Whether the destination's token is exchanged from the caller's user token. */
    boolean needsUserToken() {
        return this == OAUTH2_JWT_BEARER || this == OAUTH2_USER_TOKEN_EXCHANGE;
    }

    static Optional<AuthenticationType> of(String value) {
        return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(AuthenticationType::value).toList();
    }
}
