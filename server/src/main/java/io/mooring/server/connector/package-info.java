/**
 * Connector registrations of a subaccount: one per location ID, paired once with a one-time token and a CSR,
 * authenticated from then on by a certificate of Mooring's connectors CA, renewed before it expires; and the
 * per-subaccount view of each connector's live session, exposed virtual hosts and health.
 */
@NullMarked
package io.mooring.server.connector;

import org.jspecify.annotations.NullMarked;
