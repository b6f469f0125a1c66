/**
 * The {@code $filter} language of the SAP-compatible Destination API: parsed into a closed set of filter kinds that
 * are matched against a destination's properties in memory and rendered back to canonical text.
 */
@NullMarked
package io.mooring.server.destination.query;

import org.jspecify.annotations.NullMarked;
