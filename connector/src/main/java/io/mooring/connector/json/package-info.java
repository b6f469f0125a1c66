/**
 * The connector's JSON: its configuration file, its admin API, its audit log and its reports to Mooring.
 *
 * <p>Read and written with Jackson's streaming parser and generator only. Mapping JSON to the connector's records is
 * written out by each record's owner on {@link io.mooring.connector.json.JsonObject}, which names the field and where
 * it stands in the document when something is wrong. Without Jackson's data binding the connector loads about 700
 * classes less, which keeps its memory within its budget (docs/performance.md).
 */
@NullMarked
package io.mooring.connector.json;

import org.jspecify.annotations.NullMarked;
