/** Identifiers: time-ordered UUIDs for every stored object. */
@NullMarked
package io.mooring.server.platform.id;

import org.jspecify.annotations.NullMarked;
