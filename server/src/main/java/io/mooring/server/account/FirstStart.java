package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start, when the database has no global account, creates one with an administrator who is also
 * the platform operator, and tells how to log in.
 */
@Component
final class FirstStart {
    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final AccountService accounts;
    private final Secrets secrets;
    private final MooringProperties.Bootstrap settings;

    FirstStart(AccountService accounts, Secrets secrets, MooringProperties properties) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.secrets = requireNonNull(secrets, "secrets");
        this.settings = properties.bootstrap();
    }

    @EventListener(ApplicationReadyEvent.class)
    void createFirstAccount(ApplicationReadyEvent event) throws IOException {
        if (accounts.anyGlobalAccount()) {
            return;
        }
        boolean generated =
                settings.adminPassword() == null || settings.adminPassword().isBlank();
        String password = generated ? secrets.newSecret("").substring(0, 24) : settings.adminPassword();
        var account = accounts.createGlobalAccount(
                null,
                new AccountRequests.NewGlobalAccount(
                        settings.globalAccountName(),
                        new AccountRequests.Credentials(settings.adminUsername(), password)),
                Set.of(Role.PLATFORM_OPERATOR));
        if (generated && settings.passwordFile() != null) {
            writeOwnerOnly(Path.of(settings.passwordFile()), password + System.lineSeparator());
        }
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        log.info(
                """

                Mooring is ready at http://localhost:{}
                  Global account '{}' ({}) created with its administrator.
                  Log in: user '{}', password {}
                  Get a token: curl -s -d grant_type=password -d username={} -d password=... http://localhost:{}/oauth/token
                """,
                port,
                account.displayName(),
                account.id(),
                settings.adminUsername(),
                generated
                        ? "'" + password + "'" + savedIn() + "; change it with PUT /api/v1/me/password"
                        : "as set in mooring.bootstrap.admin-password (MOORING_ADMIN_PASSWORD)",
                settings.adminUsername(),
                port);
    }

    private String savedIn() {
        return settings.passwordFile() == null ? "" : " (also saved in " + settings.passwordFile() + ")";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
