package io.mooring.server.platform.crypto;

/**
 * A sealed secret that {@link SecretBox} cannot open. The message names the context and the likely cause, never
 * the secret.
 */
public final class UnreadableSecretException extends IllegalStateException {
    private final String context;

    UnreadableSecretException(String context, String reason) {
        super("The secret sealed for '" + context + "' cannot be opened: " + reason);
        this.context = context;
    }

    /** The context the caller tried to open the secret for. */
    public String context() {
        return context;
    }
}
