package io.mooring.server.landscape.system;

/** The runtimes a system type can be extended on. */
public enum Environment {
    CLOUD_FOUNDRY,
    KYMA
}
