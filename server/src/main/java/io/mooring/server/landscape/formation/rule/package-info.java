/**
 * The rules of formation types: a closed set of rule kinds with parameters, evaluated as pure functions of a
 * snapshot of the formation before a change, so that every violation is found at once and the rules can be tested
 * without a database.
 */
@NullMarked
package io.mooring.server.landscape.formation.rule;

import org.jspecify.annotations.NullMarked;
