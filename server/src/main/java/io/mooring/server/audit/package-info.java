/** The audit log of every change and every denied request. */
@NullMarked
package io.mooring.server.audit;

import org.jspecify.annotations.NullMarked;
