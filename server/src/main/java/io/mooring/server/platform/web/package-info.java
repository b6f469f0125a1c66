/** HTTP plumbing shared by every API: request limits, JSON settings, pagination cursors. */
@NullMarked
package io.mooring.server.platform.web;

import org.jspecify.annotations.NullMarked;
