/**
 * The connectivity proxy and the tunnel endpoint: connectors dial in over mutual TLS and carry HTTP/2 streams;
 * applications reach on-premise systems through the HTTP proxy (absolute-form, SAP's headers) and the SOCKS5 proxy
 * (SAP's authentication method 0x80), each request a stream to the connector of its subaccount and location.
 */
@NullMarked
package io.mooring.server.connectivity;

import org.jspecify.annotations.NullMarked;
