/**
 * Service instances of the destination and connectivity services in a subaccount, and their bindings: client
 * credentials in SAP's shape that applications use at the token endpoint, handed out as {@code VCAP_SERVICES}
 * JSON or as a {@code SERVICE_BINDING_ROOT} folder.
 */
@NullMarked
package io.mooring.server.servicebinding;

import org.jspecify.annotations.NullMarked;
