/** Global accounts, subaccounts, users, role collections and API clients. */
@NullMarked
package io.mooring.server.account;

import org.jspecify.annotations.NullMarked;
