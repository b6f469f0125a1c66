package io.mooring.server.destination;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A certificate or key store kept for destinations; {@code content} is base64, as clients send and read it. */
public record Certificate(
        UUID id, DestinationOwner owner, String name, String type, String content, long version, Instant createdAt) {
    /** SAP's wire shape: {@code {"Name", "Type", "Content"}}. */
    Map<String, String> toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("Name", name);
        json.put("Type", type);
        json.put("Content", content);
        return json;
    }
}
