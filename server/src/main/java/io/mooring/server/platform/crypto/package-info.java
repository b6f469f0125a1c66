/** Random secrets, their hashes and password hashing. */
@NullMarked
package io.mooring.server.platform.crypto;

import org.jspecify.annotations.NullMarked;
