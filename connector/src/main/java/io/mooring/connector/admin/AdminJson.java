package io.mooring.connector.admin;

import io.mooring.connector.json.Json;
import io.mooring.connector.json.JsonProblem;
import io.mooring.connector.json.JsonValue;
import io.mooring.connector.json.UnknownFields;
import java.util.function.Function;

/**
 * JSON of the admin API. Stricter than the configuration file: an unknown field is refused, so that a misspelt
 * {@code subpaths} is an error rather than a resource without sub-paths.
 */
final class AdminJson {

    private AdminJson() {}

    /**
     * Reads a request body.
     *
     * @param reader reads the body's value; a {@link JsonProblem} it throws becomes a 400
     * @param example what a valid body looks like, for the detail of a 400
     * @throws ApiProblem 400 when the body is missing, not JSON or not valid
     */
    static <T> T read(byte[] body, Function<JsonValue, T> reader, String example) {
        if (body.length == 0) {
            throw ApiProblem.malformedRequest("The request needs a JSON body, such as " + example + ".");
        }
        try {
            JsonValue json = Json.read(body, UnknownFields.REFUSE);
            if (json.isNull()) {
                throw ApiProblem.malformedRequest("The request needs a JSON body, such as " + example + ".");
            }
            return reader.apply(json);
        } catch (JsonProblem e) {
            throw ApiProblem.malformedRequest(
                    "The body is not valid: " + e.getMessage() + ". Send a body such as " + example + ".");
        }
    }
}
