/** System Landscape: system types, registered systems, integration tokens and pairing. */
@NullMarked
package io.mooring.server.landscape.system;

import org.jspecify.annotations.NullMarked;
