package io.mooring.server.destination.query;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed {@code $filter} of the Destination API, such as {@code Type eq 'HTTP' and startswith(Name,'s4')}, matched
 * against the flat string properties of a destination.
 */
public sealed interface DestinationFilter {
    /** The property that identifies a destination, and by which a store can look destinations up. */
    String NAME = "Name";

    /**
     * Reads a filter; keywords and function names are case-insensitive, and {@code not} binds tighter than
     * {@code and}, which binds tighter than {@code or}.
     *
     * @throws io.mooring.server.platform.problem.MooringProblem of type invalid input when the text is malformed,
     *     longer than 4096 characters, nests {@code not} and parentheses deeper than 32 levels or lists more than 1000
     *     values in one {@code in}
     */
    static DestinationFilter parse(String text) {
        return FilterParser.parse(text);
    }

    /** Whether a destination with these properties passes the filter; a missing property passes only {@code ne}. */
    boolean matches(Map<String, String> properties);

    /** Canonical text of the filter, which {@link #parse} reads back to an equal filter. */
    String render();

    /**
     * The names of exactly the destinations this filter passes, when it asks for nothing but names ({@code Name eq 'a'},
     * {@code Name in ('a','b')} or a disjunction of these), so that a store can look them up by key; empty otherwise.
     */
    default Optional<Set<String>> exactNames() {
        return switch (this) {
            case Equals(String property, String value) when property.equals(NAME) -> Optional.of(names(List.of(value)));
            case In(String property, List<String> values) when property.equals(NAME) -> Optional.of(names(values));
            case Or(DestinationFilter left, DestinationFilter right) ->
                left.exactNames().flatMap(names -> right.exactNames().map(more -> union(names, more)));
            default -> Optional.empty();
        };
    }

    /** Passes when the property holds one of the values: {@code Name in ('a','b')}. */
    record In(String property, List<String> values) implements DestinationFilter {
        public In {
            requireProperty(property);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("'in' needs at least one value");
            }
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            String actual = properties.get(property);
            return actual != null && values.contains(actual);
        }

        @Override
        public String render() {
            return values.stream()
                    .map(DestinationFilter::literal)
                    .collect(Collectors.joining(",", property + " in (", ")"));
        }
    }

    /** Passes when the property holds exactly the value: {@code Type eq 'HTTP'}. */
    record Equals(String property, String value) implements DestinationFilter {
        public Equals {
            requireProperty(property);
            requireNonNull(value, "value");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            return value.equals(properties.get(property));
        }

        @Override
        public String render() {
            return property + " eq " + literal(value);
        }
    }

    /** Passes when the property is missing or holds another value: {@code ProxyType ne 'OnPremise'}. */
    record NotEquals(String property, String value) implements DestinationFilter {
        public NotEquals {
            requireProperty(property);
            requireNonNull(value, "value");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            return !value.equals(properties.get(property));
        }

        @Override
        public String render() {
            return property + " ne " + literal(value);
        }
    }

    /** Passes when the property's value begins with the prefix: {@code startswith(Name,'s4')}. */
    record StartsWith(String property, String prefix) implements DestinationFilter {
        public StartsWith {
            requireProperty(property);
            requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            String actual = properties.get(property);
            return actual != null && actual.startsWith(prefix);
        }

        @Override
        public String render() {
            return "startswith(" + property + "," + literal(prefix) + ")";
        }
    }

    /** Passes when the property's value ends with the suffix: {@code endswith(Name,'-dev')}. */
    record EndsWith(String property, String suffix) implements DestinationFilter {
        public EndsWith {
            requireProperty(property);
            requireNonNull(suffix, "suffix");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            String actual = properties.get(property);
            return actual != null && actual.endsWith(suffix);
        }

        @Override
        public String render() {
            return "endswith(" + property + "," + literal(suffix) + ")";
        }
    }

    /** Passes when the property's value contains the part: {@code contains(URL,'hana.ondemand')}. */
    record Contains(String property, String part) implements DestinationFilter {
        public Contains {
            requireProperty(property);
            requireNonNull(part, "part");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            String actual = properties.get(property);
            return actual != null && actual.contains(part);
        }

        @Override
        public String render() {
            return "contains(" + property + "," + literal(part) + ")";
        }
    }

    /** Passes when both operands pass. */
    record And(DestinationFilter left, DestinationFilter right) implements DestinationFilter {
        public And {
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            return left.matches(properties) && right.matches(properties);
        }

        @Override
        public String render() {
            // 'or' binds looser than 'and', and the parser groups a chain of 'and' to the left.
            return grouped(left, left instanceof Or) + " and "
                    + grouped(right, right instanceof Or || right instanceof And);
        }
    }

    /** Passes when either operand passes. */
    record Or(DestinationFilter left, DestinationFilter right) implements DestinationFilter {
        public Or {
            requireNonNull(left, "left");
            requireNonNull(right, "right");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            return left.matches(properties) || right.matches(properties);
        }

        @Override
        public String render() {
            return left.render() + " or " + grouped(right, right instanceof Or);
        }
    }

    /** Passes when its operand does not. */
    record Not(DestinationFilter operand) implements DestinationFilter {
        public Not {
            requireNonNull(operand, "operand");
        }

        @Override
        public boolean matches(Map<String, String> properties) {
            return !operand.matches(properties);
        }

        @Override
        public String render() {
            return "not " + grouped(operand, operand instanceof And || operand instanceof Or);
        }
    }

    private static void requireProperty(String property) {
        if (!FilterLexer.isPropertyName(requireNonNull(property, "property"))) {
            throw new IllegalArgumentException("'" + property + "' is not a property name");
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String grouped(DestinationFilter filter, boolean parenthesize) {
        return parenthesize ? "(" + filter.render() + ")" : filter.render();
    }

    private static Set<String> names(List<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    private static Set<String> union(Set<String> names, Set<String> more) {
        Set<String> union = new LinkedHashSet<>(names);
        union.addAll(more);
        return Collections.unmodifiableSet(union);
    }
}
