/** Mooring's certificate authority: checks systems' certificate signing requests and issues client certificates. */
@NullMarked
package io.mooring.server.pki;

import org.jspecify.annotations.NullMarked;
