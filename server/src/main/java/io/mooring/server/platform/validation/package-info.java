/** Checks of request fields that answer with a problem naming the field and what it must be. */
@NullMarked
package io.mooring.server.platform.validation;

import org.jspecify.annotations.NullMarked;
