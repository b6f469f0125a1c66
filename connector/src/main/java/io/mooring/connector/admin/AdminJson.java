package io.mooring.connector.admin;

import io.mooring.connector.config.JsonErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the admin API. Stricter than the configuration file: an unknown field is refused, so that a misspelt
 * {@code subpaths} is an error rather than a resource without sub-paths.
 */
final class AdminJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A missing number reads as 0, which validation refuses with a message that names the field.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private AdminJson() {}

    /**
     * Reads a request body.
     *
     * @param example what a valid body looks like, for the detail of a 400
     * @throws ApiProblem 400 when the body is missing, not JSON or not valid
     */
    static <T> T read(byte[] body, Class<T> type, String example) {
        return read(body, MAPPER.constructType(type), example);
    }

    static <T> T read(byte[] body, JavaType type, String example) {
        if (body.length == 0) {
            throw ApiProblem.malformedRequest("The request needs a JSON body, such as " + example + ".");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw ApiProblem.malformedRequest(
                    "The body is not valid: " + JsonErrors.describe(e) + ". Send a body such as " + example + ".");
        }
        if (value == null) {
            throw ApiProblem.malformedRequest("The request needs a JSON body, such as " + example + ".");
        }
        return value;
    }
}
