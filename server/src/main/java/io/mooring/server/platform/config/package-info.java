/** Mooring's configuration properties. */
@NullMarked
package io.mooring.server.platform.config;

import org.jspecify.annotations.NullMarked;
