package io.mooring.server.destination.query;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code $filter} into words (keywords, functions, properties), string literals and punctuation. */
final class FilterLexer {
    /** What a token is; keywords, function names and property names are all words. */
    enum Kind {
        WORD,
        STRING,
        OPEN,
        CLOSE,
        COMMA,
        END
    }

    /** A token and where it begins (from 0); a string's text is its value, with {@code ''} read as one quote. */
    record Token(Kind kind, String text, int position) {
        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        /** The token as an error message shows it. */
        String describe() {
            return switch (kind) {
                case WORD -> "'" + text + "'";
                case STRING -> "the string '" + text.replace("'", "''") + "'";
                case OPEN -> "'('";
                case CLOSE -> "')'";
                case COMMA -> "','";
                case END -> "the end";
            };
        }
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int index;

    private FilterLexer(String text) {
        this.text = text;
    }

    /** The tokens of the text, ending with one of kind {@link Kind#END}. */
    static List<Token> tokens(String text) {
        return new FilterLexer(text).scan();
    }

    /** Whether the text is a property name: a letter or underscore, then letters, digits, '_', '.' or '-'. */
    static boolean isPropertyName(String text) {
        if (text.isEmpty() || !isWordStart(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(c -> isWordPart((char) c));
    }

    private List<Token> scan() {
        while (true) {
            while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
                index++;
            }
            if (index == text.length()) {
                tokens.add(new Token(Kind.END, "", index));
                return tokens;
            }
            char next = text.charAt(index);
            switch (next) {
                case '(' -> punctuation(Kind.OPEN);
                case ')' -> punctuation(Kind.CLOSE);
                case ',' -> punctuation(Kind.COMMA);
                case '\'' -> string();
                default -> word(next);
            }
        }
    }

    private void punctuation(Kind kind) {
        tokens.add(new Token(kind, String.valueOf(text.charAt(index)), index));
        index++;
    }

    private void string() {
        int start = index;
        StringBuilder value = new StringBuilder();
        index++;
        while (index < text.length()) {
            char next = text.charAt(index++);
            if (next != '\'') {
                value.append(next);
            } else if (index < text.length() && text.charAt(index) == '\'') {
                value.append('\'');
                index++;
            } else {
                tokens.add(new Token(Kind.STRING, value.toString(), start));
                return;
            }
        }
        throw FilterParser.malformed(text, "the string is not closed with ' (a quote inside it is written '')", start);
    }

    private void word(char first) {
        if (!isWordStart(first)) {
            throw FilterParser.malformed(text, "unexpected character " + show(first), index);
        }
        int start = index;
        while (index < text.length() && isWordPart(text.charAt(index))) {
            index++;
        }
        tokens.add(new Token(Kind.WORD, text.substring(start, index), start));
    }

    private static String show(char character) {
        boolean visible = !Character.isISOControl(character)
                && !Character.isSpaceChar(character)
                && !Character.isSurrogate(character);
        return visible ? "'" + character + "'" : "U+%04X".formatted((int) character);
    }

    private static boolean isWordStart(char character) {
        return (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z') || character == '_';
    }

    private static boolean isWordPart(char character) {
        return isWordStart(character) || (character >= '0' && character <= '9') || character == '.' || character == '-';
    }
}
