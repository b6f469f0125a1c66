/** RFC 9457 problem details: the one shape of every error Mooring answers. */
@NullMarked
package io.mooring.server.platform.problem;

import org.jspecify.annotations.NullMarked;
