package io.mooring.connector.json;

/**
 * A JSON document that cannot be read as what it should be. The message says where and what, as
 * {@code field.path: what (line L, column C)}, without a final period, so that callers can embed it in a sentence.
 */
public final class JsonProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonProblem(String path, String what, int line, int column) {
        super(describe(path, what, line, column));
    }

    private static String describe(String path, String what, int line, int column) {
        String sentence = what.endsWith(".") ? what.substring(0, what.length() - 1) : what;
        String at = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return (path.isEmpty() ? sentence : path + ": " + sentence) + at;
    }
}
