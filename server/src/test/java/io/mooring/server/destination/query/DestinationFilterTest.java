package io.mooring.server.destination.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationFilterTest {
    private static final String EXAMPLE = "; write it like Name in ('a','b') or startswith(Name,'a')";
    private static final Map<String, String> HTTP_DESTINATION = Map.of(
            "Name", "s4-dev",
            "Type", "HTTP",
            "URL", "https://s4.example.com/sap/opu/odata",
            "Authentication", "BasicAuthentication",
            "sap-client", "100");

    @Test
    void parseWhenInShouldReadEveryValueInOrder() {
        assertThat(DestinationFilter.parse("Name in ('b','a','b')")).isEqualTo(new In("Name", List.of("b", "a", "b")));
        assertThat(DestinationFilter.parse("Name in ('a')")).isEqualTo(new In("Name", List.of("a")));
    }

    @Test
    void parseWhenComparisonShouldReadPropertyAndValue() {
        assertThat(DestinationFilter.parse("Type eq 'HTTP'")).isEqualTo(new Equals("Type", "HTTP"));
        assertThat(DestinationFilter.parse("ProxyType ne 'OnPremise'"))
                .isEqualTo(new NotEquals("ProxyType", "OnPremise"));
    }

    @Test
    void parseWhenFunctionShouldReadPropertyAndArgument() {
        assertThat(DestinationFilter.parse("startswith(Name,'abc')")).isEqualTo(new StartsWith("Name", "abc"));
        assertThat(DestinationFilter.parse("endswith(Name,'xyz')")).isEqualTo(new EndsWith("Name", "xyz"));
        assertThat(DestinationFilter.parse("contains(URL,'example')")).isEqualTo(new Contains("URL", "example"));
    }

    @Test
    void parseShouldBindNotTighterThanAndTighterThanOr() {
        assertThat(DestinationFilter.parse("a eq '1' or b eq '2' and not c eq '3'"))
                .isEqualTo(new Or(new Equals("a", "1"), new And(new Equals("b", "2"), new Not(new Equals("c", "3")))));
    }

    @Test
    void parseShouldGroupChainsToTheLeft() {
        assertThat(DestinationFilter.parse("a eq '1' and b eq '2' and c eq '3'"))
                .isEqualTo(new And(new And(new Equals("a", "1"), new Equals("b", "2")), new Equals("c", "3")));
    }

    @Test
    void parseWhenParenthesesShouldGroupAsWritten() {
        assertThat(DestinationFilter.parse("not (a eq '1' or b eq '2') and c eq '3'"))
                .isEqualTo(new And(new Not(new Or(new Equals("a", "1"), new Equals("b", "2"))), new Equals("c", "3")));
    }

    @Test
    void parseWhenDoubledQuoteShouldReadOneQuote() {
        assertThat(DestinationFilter.parse("Name eq 'it''s'")).isEqualTo(new Equals("Name", "it's"));
        assertThat(DestinationFilter.parse("Name eq ''''")).isEqualTo(new Equals("Name", "'"));
        assertThat(DestinationFilter.parse("Name eq ''")).isEqualTo(new Equals("Name", ""));
    }

    @Test
    void parseShouldReadKeywordsAndFunctionsInAnyCase() {
        assertThat(DestinationFilter.parse("NOT Name EQ 'a' AnD StartsWith(Type,'H') OR Name In ('x') or Type NE 'y'"))
                .isEqualTo(new Or(
                        new Or(
                                new And(new Not(new Equals("Name", "a")), new StartsWith("Type", "H")),
                                new In("Name", List.of("x"))),
                        new NotEquals("Type", "y")));
    }

    @Test
    void parseShouldAcceptAnyWhitespaceOrNoneBetweenTokens() {
        assertThat(DestinationFilter.parse(" \tName\nin(  'a' ,'b' )and(Type eq'x')  "))
                .isEqualTo(new And(new In("Name", List.of("a", "b")), new Equals("Type", "x")));
    }

    @Test
    void parseShouldReadSapPropertyNamesWithDotsAndDashes() {
        assertThat(DestinationFilter.parse("URL.headers.x-api-key eq 'k' and sap-client eq '100'"))
                .isEqualTo(new And(new Equals("URL.headers.x-api-key", "k"), new Equals("sap-client", "100")));
    }

    @Test
    void parseWhenNotIsComparedShouldReadItAsAProperty() {
        assertThat(DestinationFilter.parse("not eq 'x'")).isEqualTo(new Equals("not", "x"));
        assertThat(DestinationFilter.parse("not in ('x')")).isEqualTo(new In("not", List.of("x")));
        assertThat(DestinationFilter.parse("not not eq 'x'")).isEqualTo(new Not(new Equals("not", "x")));
        assertThat(DestinationFilter.parse("not in in ('x')")).isEqualTo(new Not(new In("in", List.of("x"))));
        assertThat(DestinationFilter.parse("not(Name eq 'x')")).isEqualTo(new Not(new Equals("Name", "x")));
    }

    @Test
    void matchesShouldCompareValuesExactlyAndCaseSensitively() {
        assertThat(DestinationFilter.parse("Type eq 'HTTP'").matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("Type eq 'http'").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("Type eq 'HTTP '").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("Name in ('x','s4-dev')").matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("Name in ('S4-DEV')").matches(HTTP_DESTINATION))
                .isFalse();
    }

    @Test
    void matchesShouldLookPropertiesUpByTheirExactName() {
        assertThat(DestinationFilter.parse("name eq 's4-dev'").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("sap-client eq '100'").matches(HTTP_DESTINATION))
                .isTrue();
    }

    @Test
    void matchesWhenPropertyMissingShouldPassOnlyNotEquals() {
        assertThat(DestinationFilter.parse("ProxyType eq ''").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("ProxyType in ('')").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("startswith(ProxyType,'')").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("endswith(ProxyType,'')").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("contains(ProxyType,'')").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("ProxyType ne 'OnPremise'").matches(HTTP_DESTINATION))
                .isTrue();
    }

    @Test
    void matchesWhenFunctionShouldTestThePartOfTheValue() {
        assertThat(DestinationFilter.parse("startswith(Name,'s4')").matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("startswith(Name,'dev')").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("endswith(Name,'-dev')").matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("endswith(Name,'s4')").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("contains(URL,'/sap/')").matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("contains(URL,'SAP')").matches(HTTP_DESTINATION))
                .isFalse();
    }

    @Test
    void matchesShouldCombineWithAndOrNot() {
        assertThat(DestinationFilter.parse("Type eq 'HTTP' and not Authentication eq 'NoAuthentication'")
                        .matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("Type eq 'RFC' and Name eq 's4-dev'").matches(HTTP_DESTINATION))
                .isFalse();
        assertThat(DestinationFilter.parse("Type eq 'RFC' or Name eq 's4-dev'").matches(HTTP_DESTINATION))
                .isTrue();
        assertThat(DestinationFilter.parse("not (Type eq 'RFC' or Name eq 's4-dev')")
                        .matches(HTTP_DESTINATION))
                .isFalse();
    }

    @Test
    void renderShouldWriteCanonicalText() {
        assertThat(DestinationFilter.parse(
                                "NOT  (a eq 'x' OR b eq 'y')  AND c In ( '1' , 'it''s' ) or startsWith(d,'')")
                        .render())
                .isEqualTo("not (a eq 'x' or b eq 'y') and c in ('1','it''s') or startswith(d,'')");
    }

    @Test
    void renderShouldParenthesizeOnlyWhereTheGroupingDiffersFromTheDefault() {
        Equals a = new Equals("a", "1");
        Equals b = new Equals("b", "2");
        Equals c = new Equals("c", "3");

        assertThat(new And(a, new And(b, c)).render()).isEqualTo("a eq '1' and (b eq '2' and c eq '3')");
        assertThat(new And(new And(a, b), c).render()).isEqualTo("a eq '1' and b eq '2' and c eq '3'");
        assertThat(new Or(a, new And(b, c)).render()).isEqualTo("a eq '1' or b eq '2' and c eq '3'");
        assertThat(new And(new Or(a, b), c).render()).isEqualTo("(a eq '1' or b eq '2') and c eq '3'");
        assertThat(new Not(new Not(new Or(a, b))).render()).isEqualTo("not not (a eq '1' or b eq '2')");
    }

    @Test
    void exactNamesWhenOnlyNamesAskedForShouldListThem() {
        assertThat(DestinationFilter.parse("Name in ('b','a','b')").exactNames())
                .hasValueSatisfying(names -> assertThat(names).containsExactly("b", "a"));
        assertThat(DestinationFilter.parse("Name eq 'a'").exactNames()).contains(Set.of("a"));
        assertThat(DestinationFilter.parse("Name eq 'a' or Name in ('b','c')").exactNames())
                .hasValueSatisfying(names -> assertThat(names).containsExactly("a", "b", "c"));
    }

    @Test
    void exactNamesWhenAnythingButNamesAskedForShouldBeEmpty() {
        assertThat(DestinationFilter.parse("name eq 'a'").exactNames()).isEmpty();
        assertThat(DestinationFilter.parse("Name ne 'a'").exactNames()).isEmpty();
        assertThat(DestinationFilter.parse("startswith(Name,'a')").exactNames()).isEmpty();
        assertThat(DestinationFilter.parse("Name eq 'a' and Type eq 'HTTP'").exactNames())
                .isEmpty();
        assertThat(DestinationFilter.parse("Name eq 'a' or Type eq 'HTTP'").exactNames())
                .isEmpty();
        assertThat(DestinationFilter.parse("not Name eq 'a'").exactNames()).isEmpty();
    }

    @Test
    void constructorWhenFilterCouldNotBeWrittenShouldRefuse() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Equals("1st", "a"));
        assertThatIllegalArgumentException().isThrownBy(() -> new StartsWith("Name ", "a"));
        assertThatIllegalArgumentException().isThrownBy(() -> new In("Name", List.of()));
    }

    @Test
    void parseWhenListNotClosedShouldSayWhatIsMissingAndWhere() {
        assertThat(problem("Name in ('a'"))
                .isEqualTo(
                        "$filter: expected ',' or ')' but found the end at position 13 in \"Name in ('a'\"" + EXAMPLE);
    }

    @Test
    void parseWhenListEmptyShouldAskForAString() {
        assertThat(problem("Name in ()"))
                .isEqualTo("$filter: expected a string in single quotes but found ')' at position 10 in \"Name in ()\""
                        + EXAMPLE);
    }

    @Test
    void parseWhenStringNotClosedShouldPointAtItsStart() {
        assertThat(problem("Name eq 'it's'"))
                .isEqualTo("$filter: the string is not closed with ' (a quote inside it is written '') at position 14"
                        + " in \"Name eq 'it's'\"" + EXAMPLE);
    }

    @Test
    void parseWhenOperatorMissingShouldNameTheProperty() {
        assertThat(problem("Name 'a'"))
                .isEqualTo("$filter: expected 'eq', 'ne' or 'in' after the property 'Name' but found the string 'a'"
                        + " at position 6 in \"Name 'a'\"" + EXAMPLE);
    }

    @Test
    void parseWhenValueNotQuotedShouldAskForAString() {
        assertThat(problem("Type eq HTTP"))
                .isEqualTo(
                        "$filter: expected a string in single quotes but found 'HTTP' at position 9 in \"Type eq HTTP\""
                                + EXAMPLE);
    }

    @Test
    void parseWhenDoubleQuotesShouldPointAtTheCharacter() {
        assertThat(problem("Type eq \"HTTP\""))
                .isEqualTo("$filter: unexpected character '\"' at position 9 in \"Type eq \"HTTP\"\"" + EXAMPLE);
    }

    @Test
    void parseWhenInvisibleCharacterShouldNameItsCodePoint() {
        assertThat(problem("Type eq 'a'\u0000")).startsWith("$filter: unexpected character U+0000 at position 12 in");
    }

    @Test
    void parseWhenFunctionUnknownShouldListTheFunctions() {
        assertThat(problem("substringof('a',Name)"))
                .isEqualTo(
                        "$filter: unknown function 'substringof' (the functions are startswith, endswith and contains)"
                                + " at position 1 in \"substringof('a',Name)\"" + EXAMPLE);
    }

    @Test
    void parseWhenFunctionArgumentsSwappedShouldAskForAPropertyFirst() {
        assertThat(problem("startswith('a',Name)"))
                .isEqualTo("$filter: expected a property as the first argument of 'startswith' but found the string 'a'"
                        + " at position 12 in \"startswith('a',Name)\"" + EXAMPLE);
    }

    @Test
    void parseWhenTextFollowsAFilterShouldAskForAndOrOr() {
        assertThat(problem("Name eq 'a')"))
                .isEqualTo("$filter: expected 'and', 'or' or the end but found ')' at position 12 in \"Name eq 'a')\""
                        + EXAMPLE);
        assertThat(problem("Name eq 'a' Type eq 'b'"))
                .startsWith("$filter: expected 'and', 'or' or the end but found 'Type' at position 13");
    }

    @Test
    void parseWhenOperandMissingShouldSayWhatMayStandThere() {
        assertThat(problem("Name eq 'a' and"))
                .isEqualTo("$filter: expected a property, 'not', '(' or a function such as startswith but found the end"
                        + " at position 16 in \"Name eq 'a' and\"" + EXAMPLE);
    }

    @Test
    void parseWhenGroupNotClosedShouldAskForAParenthesis() {
        assertThat(problem("(Name eq 'a'"))
                .isEqualTo("$filter: expected 'and', 'or' or ')' but found the end at position 13 in \"(Name eq 'a'\""
                        + EXAMPLE);
    }

    @Test
    void parseWhenEmptyShouldShowAnExample() {
        assertThat(problem("")).isEqualTo("$filter is empty" + EXAMPLE);
        assertThat(problem(" \t ")).isEqualTo("$filter is empty" + EXAMPLE);
    }

    @Test
    void parseWhenLongerThanTheLimitShouldRefuseBeforeReading() {
        String atTheLimit = "Name eq '" + "x".repeat(4086) + "'";

        assertThat(DestinationFilter.parse(atTheLimit)).isEqualTo(new Equals("Name", "x".repeat(4086)));
        assertThat(problem(atTheLimit + " "))
                .isEqualTo(
                        "$filter is 4097 characters long, more than the 4096 allowed; split it over several requests");
    }

    @Test
    void parseWhenNestedDeeperThanTheLimitShouldRefuse() {
        String allowed = "(".repeat(16) + "not ".repeat(16) + "a eq 'b'" + ")".repeat(16);

        assertThat(DestinationFilter.parse(allowed).render()).isEqualTo("not ".repeat(16) + "a eq 'b'");
        assertThat(problem("(" + allowed + ")"))
                .startsWith("$filter: the filter nests 'not' and parentheses deeper than 32 levels at position 78 in");
        assertThat(problem("(".repeat(4096)))
                .startsWith("$filter: the filter nests 'not' and parentheses deeper than 32 levels at position 33 in");
        assertThat(problem("not ".repeat(1000) + "a eq 'b'"))
                .startsWith("$filter: the filter nests 'not' and parentheses deeper than 32 levels at position 129 in");
    }

    @Test
    void parseWhenListLongerThanTheLimitShouldRefuse() {
        String values = "'a',".repeat(999) + "'a'";

        assertThat(DestinationFilter.parse("Name in (" + values + ")")).isInstanceOf(In.class);
        assertThat(problem("Name in (" + values + ",'a')"))
                .startsWith("$filter: 'in' lists more than 1000 values at position 4010 in \"…");
    }

    @Test
    void parseWhenLongShouldQuoteOnlyTheTextAroundTheError() {
        String filter = "Name eq '" + "x".repeat(100) + "' and Type eq HTTP or Name eq '" + "y".repeat(100) + "'";

        assertThat(problem(filter))
                .isEqualTo("$filter: expected a string in single quotes but found 'HTTP' at position 124 in \"…"
                        + "x".repeat(26) + "' and Type eq HTTP or Name eq '" + "y".repeat(23) + "…\"" + EXAMPLE);
    }

    private static String problem(String filter) {
        MooringProblem problem = catchThrowableOfType(MooringProblem.class, () -> DestinationFilter.parse(filter));
        assertThat(problem).as("problem for %s", filter).isNotNull();
        assertThat(problem.problemType()).isEqualTo(ProblemType.INVALID_INPUT);
        return problem.detail();
    }
}
