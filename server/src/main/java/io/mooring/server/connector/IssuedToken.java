package io.mooring.server.connector;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A registration with its new one-time pairing token: shown once, at creation and when a new token is issued. */
record IssuedToken(@JsonUnwrapped ConnectorView connector, String token) {}
