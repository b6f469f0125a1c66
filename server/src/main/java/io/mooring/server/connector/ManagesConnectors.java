package io.mooring.server.connector;

import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Admits those who may register, pair and delete connectors and see pairing tokens. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SUBACCOUNT_ADMINISTRATOR, Role.CLOUD_CONNECTOR_ADMINISTRATOR})
@interface ManagesConnectors {}
