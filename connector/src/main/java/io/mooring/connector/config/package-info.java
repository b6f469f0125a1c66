/** The connector's configuration: its pairing, system mappings and audit level, kept in its data folder. */
@NullMarked
package io.mooring.connector.config;

import org.jspecify.annotations.NullMarked;
