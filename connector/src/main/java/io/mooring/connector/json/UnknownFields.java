package io.mooring.connector.json;

/** What reading a document does with an object's fields that its reader does not know. */
public enum UnknownFields {
    /** Left alone: a file written by a newer connector still loads. */
    IGNORE,
    /** Refused by name: a misspelt field in an admin request is an error, not a silent default. */
    REFUSE
}
