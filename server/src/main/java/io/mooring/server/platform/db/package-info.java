/** Database settings shared by every store. */
@NullMarked
package io.mooring.server.platform.db;

import org.jspecify.annotations.NullMarked;
