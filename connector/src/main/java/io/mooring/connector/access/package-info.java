/**
 * Access control: which virtual hosts, ports and paths the connector lets through to which back end, decided on
 * immutable snapshots of the system mappings.
 */
@NullMarked
package io.mooring.connector.access;

import org.jspecify.annotations.NullMarked;
