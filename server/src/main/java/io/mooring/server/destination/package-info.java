/**
 * The Destination service: destinations (flat string properties in SAP's names) and certificates at subaccount
 * or service-instance level, kept with their secrets sealed; the SAP-compatible Destination API with "find
 * destination", which resolves each destination's authentication into ready tokens; the same management under
 * {@code /api/v1}; and "check connection".
 */
@NullMarked
package io.mooring.server.destination;

import org.jspecify.annotations.NullMarked;
