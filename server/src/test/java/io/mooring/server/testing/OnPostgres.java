package io.mooring.server.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a server test against a throwaway database on the PostgreSQL at 127.0.0.1:5432; the test is skipped, and
 * says why, when no PostgreSQL answers there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(PostgresDatabase.class)
@ContextConfiguration(initializers = PostgresDatabase.class)
public @interface OnPostgres {}
