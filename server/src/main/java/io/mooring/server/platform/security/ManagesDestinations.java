package io.mooring.server.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Admits those who may change destinations, certificates, service instances and bindings, and see credentials. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SUBACCOUNT_ADMINISTRATOR, Role.DESTINATION_ADMINISTRATOR})
public @interface ManagesDestinations {}
