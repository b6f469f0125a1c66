/** Entitlement configurations: service plans assigned to registered systems. */
@NullMarked
package io.mooring.server.landscape.entitlement;

import org.jspecify.annotations.NullMarked;
