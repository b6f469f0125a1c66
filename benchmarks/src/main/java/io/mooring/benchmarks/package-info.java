/** Load drivers for Mooring's benchmarks; each measures one figure against a running server on loopback. */
package io.mooring.benchmarks;
