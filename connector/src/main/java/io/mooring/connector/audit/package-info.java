/** The connector's audit log: denied and allowed requests and configuration changes, one JSON object a line. */
@NullMarked
package io.mooring.connector.audit;

import org.jspecify.annotations.NullMarked;
