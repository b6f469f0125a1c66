/**
 * Formations: formation types with their rules and effects, formations, the systems assigned to them with their
 * state machine, and the notifications that tell the participants, written to an outbox in the transaction of the
 * change and delivered by a worker afterwards.
 */
@NullMarked
package io.mooring.server.landscape.formation;

import org.jspecify.annotations.NullMarked;
