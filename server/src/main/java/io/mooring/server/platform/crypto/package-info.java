/** Random secrets, their hashes, password hashing, and the encryption of stored secrets. */
@NullMarked
package io.mooring.server.platform.crypto;

import org.jspecify.annotations.NullMarked;
