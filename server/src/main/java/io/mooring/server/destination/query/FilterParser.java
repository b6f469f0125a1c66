package io.mooring.server.destination.query;

import static java.util.Objects.requireNonNull;

import io.mooring.server.destination.query.DestinationFilter.And;
import io.mooring.server.destination.query.DestinationFilter.Contains;
import io.mooring.server.destination.query.DestinationFilter.EndsWith;
import io.mooring.server.destination.query.DestinationFilter.Equals;
import io.mooring.server.destination.query.DestinationFilter.In;
import io.mooring.server.destination.query.DestinationFilter.Not;
import io.mooring.server.destination.query.DestinationFilter.NotEquals;
import io.mooring.server.destination.query.DestinationFilter.Or;
import io.mooring.server.destination.query.DestinationFilter.StartsWith;
import io.mooring.server.destination.query.FilterLexer.Kind;
import io.mooring.server.destination.query.FilterLexer.Token;
import io.mooring.server.platform.problem.MooringProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Reads a {@code $filter} by recursive descent, within limits of length, nesting and list size so that no request
 * can exhaust the stack or the memory:
 *
 * <pre>
 * filter      = disjunction END
 * disjunction = conjunction { "or" conjunction }
 * conjunction = negation { "and" negation }
 * negation    = "not" negation | primary
 * primary     = "(" disjunction ")"
 *             | ("startswith" | "endswith" | "contains") "(" property "," string ")"
 *             | property ("eq" | "ne") string
 *             | property "in" "(" string { "," string } ")"
 * </pre>
 *
 * A word {@code not} followed by {@code eq}, {@code ne} or {@code in} and then a string or {@code (} is a property,
 * so that every property name can be filtered on.
 */
final class FilterParser {
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_VALUES = 1000;

    private static final String EXAMPLE = "; write it like Name in ('a','b') or startswith(Name,'a')";
    private static final int EXCERPT_RADIUS = 40;

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private FilterParser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static DestinationFilter parse(String text) {
        requireNonNull(text, "text");
        if (text.isBlank()) {
            throw MooringProblem.invalidInput("$filter is empty" + EXAMPLE);
        }
        if (text.length() > MAX_LENGTH) {
            throw MooringProblem.invalidInput("$filter is " + text.length() + " characters long, more than the "
                    + MAX_LENGTH + " allowed; split it over several requests");
        }
        FilterParser parser = new FilterParser(text, FilterLexer.tokens(text));
        DestinationFilter filter = parser.disjunction();
        parser.expect(Kind.END, "'and', 'or' or the end");
        return filter;
    }

    /** The problem for a malformed filter: what is wrong, where (counting from 1), and what a good one looks like. */
    static MooringProblem malformed(String text, String what, int position) {
        return MooringProblem.invalidInput(
                "$filter: " + what + " at position " + (position + 1) + " in " + excerpt(text, position) + EXAMPLE);
    }

    private DestinationFilter disjunction() {
        DestinationFilter filter = conjunction();
        while (peek(0).isWord("or")) {
            next++;
            filter = new Or(filter, conjunction());
        }
        return filter;
    }

    private DestinationFilter conjunction() {
        DestinationFilter filter = negation();
        while (peek(0).isWord("and")) {
            next++;
            filter = new And(filter, negation());
        }
        return filter;
    }

    private DestinationFilter negation() {
        Token token = peek(0);
        if (!token.isWord("not") || isComparedProperty()) {
            return primary();
        }
        next++;
        enter(token);
        DestinationFilter operand = negation();
        depth--;
        return new Not(operand);
    }

    private boolean isComparedProperty() {
        Token operator = peek(1);
        Kind operand = peek(2).kind();
        return (operator.isWord("eq") || operator.isWord("ne") || operator.isWord("in"))
                && (operand == Kind.STRING || operand == Kind.OPEN);
    }

    private DestinationFilter primary() {
        Token token = take();
        if (token.kind() == Kind.OPEN) {
            enter(token);
            DestinationFilter group = disjunction();
            expect(Kind.CLOSE, "'and', 'or' or ')'");
            depth--;
            return group;
        }
        if (token.kind() != Kind.WORD) {
            throw unexpected(token, "a property, 'not', '(' or a function such as startswith");
        }
        return peek(0).kind() == Kind.OPEN ? function(token) : comparison(token);
    }

    private DestinationFilter comparison(Token property) {
        Token operator = take();
        if (operator.isWord("eq")) {
            return new Equals(property.text(), literal());
        }
        if (operator.isWord("ne")) {
            return new NotEquals(property.text(), literal());
        }
        if (operator.isWord("in")) {
            return new In(property.text(), values());
        }
        throw unexpected(operator, "'eq', 'ne' or 'in' after the property " + property.describe());
    }

    private List<String> values() {
        expect(Kind.OPEN, "'(' after 'in'");
        List<String> values = new ArrayList<>();
        do {
            if (values.size() == MAX_VALUES) {
                throw malformed(text, "'in' lists more than " + MAX_VALUES + " values", peek(0).position());
            }
            values.add(literal());
        } while (accept(Kind.COMMA));
        expect(Kind.CLOSE, "',' or ')'");
        return values;
    }

    private DestinationFilter function(Token name) {
        BiFunction<String, String, DestinationFilter> kind = switch (name.text().toLowerCase(Locale.ROOT)) {
            case "startswith" -> StartsWith::new;
            case "endswith" -> EndsWith::new;
            case "contains" -> Contains::new;
            default ->
                throw malformed(
                        text,
                        "unknown function " + name.describe()
                                + " (the functions are startswith, endswith and contains)",
                        name.position());
        };
        next++;
        String property = expect(Kind.WORD, "a property as the first argument of " + name.describe())
                .text();
        expect(Kind.COMMA, "',' after the property");
        String argument = literal();
        expect(Kind.CLOSE, "')' after the second argument of " + name.describe());
        return kind.apply(property, argument);
    }

    private String literal() {
        return expect(Kind.STRING, "a string in single quotes").text();
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw malformed(
                    text,
                    "the filter nests 'not' and parentheses deeper than " + MAX_DEPTH + " levels",
                    token.position());
        }
    }

    private Token expect(Kind kind, String expected) {
        Token token = take();
        if (token.kind() != kind) {
            throw unexpected(token, expected);
        }
        return token;
    }

    private boolean accept(Kind kind) {
        if (peek(0).kind() != kind) {
            return false;
        }
        next++;
        return true;
    }

    private Token take() {
        Token token = peek(0);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private MooringProblem unexpected(Token found, String expected) {
        return malformed(text, "expected " + expected + " but found " + found.describe(), found.position());
    }

    private static String excerpt(String text, int position) {
        int from = Math.max(0, position - EXCERPT_RADIUS);
        int to = Math.min(text.length(), position + EXCERPT_RADIUS);
        return "\"" + (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "") + "\"";
    }
}
