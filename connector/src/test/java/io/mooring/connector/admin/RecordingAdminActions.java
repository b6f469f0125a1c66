package io.mooring.connector.admin;

import java.util.Map;

/** Admin actions that pair once and refuse after, hand out a fixed principal CA, and count status calls. */
final class RecordingAdminActions implements AdminActions {
    volatile int statusCalls;
    volatile String pairedWith;

    @Override
    public Map<String, Object> status() {
        statusCalls++;
        return Map.of("paired", pairedWith != null);
    }

    @Override
    public void pair(String mooringUrl, String token) {
        if (pairedWith != null) {
            throw new Refused(409, "The connector is paired already.");
        }
        pairedWith = mooringUrl + " " + token;
    }

    @Override
    public String principalCaPem() {
        return "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    }
}
