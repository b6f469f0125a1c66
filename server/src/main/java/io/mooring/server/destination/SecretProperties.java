package io.mooring.server.destination;

import java.util.Locale;

/**
 * Which destination properties are secrets: every property whose name ends in "password" or "secret" (Password,
 * clientSecret, KeyStorePassword, tokenServicePassword, ...), compared without case. They are sealed at rest and
 * left out of every management view.
 */
final class SecretProperties {
    private SecretProperties() {}

    static boolean isSecret(String propertyName) {
        String name = propertyName.toLowerCase(Locale.ROOT);
        return name.endsWith("password") || name.endsWith("secret");
    }
}
