package io.mooring.server.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Admits an authenticated caller of the global account who holds at least one of these role collections. It may
 * also annotate an annotation that names a set used in many places, such as {@link ReadsDestinations}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface RequiresRole {
    Role[] value();
}
