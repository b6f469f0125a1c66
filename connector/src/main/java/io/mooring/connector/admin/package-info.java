/**
 * The connector's local admin API: HTTP on 127.0.0.1, every call authenticated with the bearer token kept in the
 * data folder, every change applied at once and audited.
 */
@NullMarked
package io.mooring.connector.admin;

import org.jspecify.annotations.NullMarked;
