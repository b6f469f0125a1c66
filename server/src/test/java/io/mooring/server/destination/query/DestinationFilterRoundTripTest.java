package io.mooring.server.destination.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.destination.query.DestinationFilter.And;
import io.mooring.server.destination.query.DestinationFilter.Contains;
import io.mooring.server.destination.query.DestinationFilter.EndsWith;
import io.mooring.server.destination.query.DestinationFilter.Equals;
import io.mooring.server.destination.query.DestinationFilter.In;
import io.mooring.server.destination.query.DestinationFilter.Not;
import io.mooring.server.destination.query.DestinationFilter.NotEquals;
import io.mooring.server.destination.query.DestinationFilter.Or;
import io.mooring.server.destination.query.DestinationFilter.StartsWith;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Renders arbitrary filters and reads them back, and throws arbitrary text at the parser: what {@code render} writes
 * must read back to the same filter, and whatever the parser is given it must answer with a filter or a problem.
 */
class DestinationFilterRoundTripTest {
    /** Deep enough for every kind to nest in every other, shallow enough to stay far below the parser's limits. */
    private static final int DEPTH = 4;

    private static final String[] PROPERTIES = {"Name", "Type", "sap-client"};
    private static final String[] VALUES = {"", "a", "ab", "ba", "it's"};

    @Property
    void renderedFilterShouldParseBackToAnEqualFilter(@ForAll("anyFilters") DestinationFilter filter) {
        assertThat(DestinationFilter.parse(filter.render())).isEqualTo(filter);
    }

    @Property
    void renderedFilterShouldPassWhatTheFilterPasses(
            @ForAll("fewValueFilters") DestinationFilter filter,
            @ForAll("destinations") Map<String, String> properties) {
        boolean passes = filter.matches(properties);
        Statistics.label("passes").collect(passes).coverage(coverage -> {
            coverage.check(true).percentage(percentage -> percentage > 10);
            coverage.check(false).percentage(percentage -> percentage > 10);
        });

        assertThat(DestinationFilter.parse(filter.render()).matches(properties)).isEqualTo(passes);
    }

    @Property
    void exactNamesShouldBeExactlyTheNamesTheFilterPasses(
            @ForAll("nameFilters") DestinationFilter filter, @ForAll("destinations") Map<String, String> properties) {
        Optional<Set<String>> names = filter.exactNames();

        assertThat(names).isPresent();
        assertThat(names.orElseThrow().contains(properties.get(DestinationFilter.NAME)))
                .isEqualTo(filter.matches(properties));
    }

    @Property
    void parseShouldAnswerAnyTextWithAFilterThatRendersAlikeOrWithAProblem(@ForAll("filterLikeTexts") String text) {
        DestinationFilter filter;
        try {
            filter = DestinationFilter.parse(text);
        } catch (MooringProblem problem) {
            collectParsed(false);
            assertThat(problem.problemType()).isEqualTo(ProblemType.INVALID_INPUT);
            assertThat(problem.detail()).startsWith("$filter");
            return;
        }
        collectParsed(true);
        assertThat(DestinationFilter.parse(filter.render())).isEqualTo(filter);
    }

    @Provide
    Arbitrary<DestinationFilter> anyFilters() {
        return filters(anyProperties(), anyValues(), DEPTH);
    }

    @Provide
    Arbitrary<DestinationFilter> fewValueFilters() {
        return filters(Arbitraries.of(PROPERTIES), Arbitraries.of(VALUES), DEPTH);
    }

    @Provide
    Arbitrary<Map<String, String>> destinations() {
        return Arbitraries.maps(Arbitraries.of(PROPERTIES), Arbitraries.of(VALUES))
                .ofMaxSize(PROPERTIES.length);
    }

    @Provide
    Arbitrary<DestinationFilter> nameFilters() {
        Arbitrary<String> values = Arbitraries.of(VALUES);
        Arbitrary<DestinationFilter> leaf = Arbitraries.oneOf(
                values.map(value -> new Equals(DestinationFilter.NAME, value)),
                values.list().ofMinSize(1).ofMaxSize(3).map(list -> new In(DestinationFilter.NAME, list)));
        return Arbitraries.recursive(
                () -> leaf, names -> Combinators.combine(names, names).as(Or::new), 0, DEPTH);
    }

    /** Rendered filters, the same with a slip of the pen (a token put in, a few characters cut), and any text. */
    @Provide
    Arbitrary<String> filterLikeTexts() {
        Arbitrary<String> rendered = anyFilters().map(DestinationFilter::render);
        Arbitrary<String> slipped = Combinators.combine(
                        rendered,
                        Arbitraries.of("", "(", ")", ",", " ", "'", "''", "not ", " and ", " or ", " eq ", " in ", "x"),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 3))
                .as((text, inserted, where, cut) -> {
                    int at = (int) (where * text.length());
                    return text.substring(0, at) + inserted + text.substring(Math.min(text.length(), at + cut));
                });
        return Arbitraries.oneOf(rendered, slipped, Arbitraries.strings().ofMaxLength(40));
    }

    private static Arbitrary<DestinationFilter> filters(
            Arbitrary<String> properties, Arbitrary<String> values, int depth) {
        Arbitrary<DestinationFilter> leaf = Arbitraries.oneOf(
                Combinators.combine(properties, values.list().ofMinSize(1).ofMaxSize(4))
                        .as(In::new),
                Combinators.combine(properties, values).as(Equals::new),
                Combinators.combine(properties, values).as(NotEquals::new),
                Combinators.combine(properties, values).as(StartsWith::new),
                Combinators.combine(properties, values).as(EndsWith::new),
                Combinators.combine(properties, values).as(Contains::new));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        Combinators.combine(inner, inner).as(And::new),
                        Combinators.combine(inner, inner).as(Or::new),
                        inner.map(Not::new)),
                0,
                depth);
    }

    private static void collectParsed(boolean parsed) {
        Statistics.label("parsed").collect(parsed).coverage(coverage -> {
            coverage.check(true).percentage(percentage -> percentage > 20);
            coverage.check(false).percentage(percentage -> percentage > 20);
        });
    }

    /** Property names from the whole alphabet the parser accepts, and the words that are also keywords. */
    private static Arbitrary<String> anyProperties() {
        Arbitrary<String> generated = Combinators.combine(
                        Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_'),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withCharRange('A', 'Z')
                                .withCharRange('0', '9')
                                .withChars("_.-")
                                .ofMaxLength(12))
                .as((first, rest) -> first + rest);
        Arbitrary<String> keywords = Arbitraries.of(
                "not", "NOT", "and", "or", "in", "eq", "ne", "startswith", "contains", "URL.headers.x-api-key");
        return Arbitraries.oneOf(generated, keywords);
    }

    /** Literals with any characters, and many with quotes, spaces and the parser's punctuation. */
    private static Arbitrary<String> anyValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withChars("' (),\tüé€").ofMaxLength(8),
                Arbitraries.just(""));
    }
}
