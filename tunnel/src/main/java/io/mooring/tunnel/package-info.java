/** The wire contract between Mooring's tunnel endpoint and the connector. */
@NullMarked
package io.mooring.tunnel;

import org.jspecify.annotations.NullMarked;
