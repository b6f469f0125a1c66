/** Mooring's own OAuth token endpoint, its signing keys and the published JWKS. */
@NullMarked
package io.mooring.server.oauth;

import org.jspecify.annotations.NullMarked;
