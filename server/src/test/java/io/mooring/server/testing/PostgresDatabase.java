package io.mooring.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The PostgreSQL that tests use when one answers at 127.0.0.1:5432 (or at MOORING_TEST_PG_URL): a fresh database
 * per test run, created on first use. Tests are skipped when none answers.
 */
public final class PostgresDatabase
        implements ExecutionCondition, ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final String SERVER =
            System.getenv().getOrDefault("MOORING_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("MOORING_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MOORING_TEST_PG_PASSWORD", "");
    private static final String DATABASE =
            "mooring_test_" + ProcessHandle.current().pid();
    private static volatile Boolean available;
    private static boolean created;

    public static boolean available() {
        if (available == null) {
            try (Connection ignored = connect("postgres")) {
                available = true;
            } catch (SQLException e) {
                available = false;
            }
        }
        return available;
    }

    public static String url() {
        return SERVER + DATABASE;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return available()
                ? ConditionEvaluationResult.enabled("PostgreSQL answers at " + SERVER)
                : ConditionEvaluationResult.disabled("No PostgreSQL answers at " + SERVER + "; skipped");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        createDatabase();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "postgres-test-database",
                        Map.of(
                                "spring.datasource.url", url(),
                                "spring.datasource.username", USER,
                                "spring.datasource.password", PASSWORD)));
    }

    /** Creates this run's database once, and drops it when the test JVM exits. */
    public static synchronized void createDatabase() {
        if (created) {
            return;
        }
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE);
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + DATABASE, e);
        }
        created = true;
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresDatabase::dropDatabase));
    }

    private static void dropDatabase() {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        } catch (SQLException ignored) {
            // the run is over; a leftover database is harmless and named after its process
        }
    }

    private static Connection connect(String database) throws SQLException {
        DriverManager.setLoginTimeout(2);
        return DriverManager.getConnection(SERVER + database, USER, PASSWORD);
    }
}
