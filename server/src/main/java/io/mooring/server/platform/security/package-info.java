/** Authentication of callers and the declarative access rules every endpoint carries. */
@NullMarked
package io.mooring.server.platform.security;

import org.jspecify.annotations.NullMarked;
