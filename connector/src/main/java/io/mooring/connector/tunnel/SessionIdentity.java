package io.mooring.connector.tunnel;

/** This connector process's session, which its pooled tunnel connections share, and its build version. */
record SessionIdentity(String sessionId, String version) {}
