package dev.iampreflight.eval.local.internal;

import dev.iampreflight.policy.Wildcards;
import dev.iampreflight.policy.internal.Glob;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Policy variable substitution (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). */
class TemplateTest {

    private static final Map<String, String> CONTEXT = Map.of("aws:username", "alice", "aws:principaltag/team", "*");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "home/${aws:username}/*                | home/alice/*",
            "home/${AWS:UserName}/*                | home/alice/*",
            "home/${ aws:username }/*              | home/alice/*",
            "${aws:PrincipalTag/team}              | *",
            "${aws:PrincipalTag/missing}           | NULL",
            "${aws:PrincipalTag/missing, 'dflt'}   | dflt",
            "${aws:PrincipalTag/missing,'d''q'}    | d'q",
            "${aws:username, 'unused'}             | alice",
            "${*}${?}${$}                          | *?$",
            "${aws:x, '${aws:username}'}           | ${aws:username}",
            "no variables                          | no variables",
            "${unterminated                        | ${unterminated",
            "${}                                   | ${}",
    })
    void resolvesText(String template, String expected) {
        assertEquals(expected, Template.parse(template, true).resolveText(CONTEXT::get));
    }

    @ParameterizedTest(name = "version 2008 keeps {0}")
    @CsvSource(delimiter = '|', value = {"home/${aws:username}/*", "${*}"})
    void noSubstitutionUnder2008(String template) {
        assertEquals(template, Template.parse(template, false).resolveText(CONTEXT::get));
    }

    @ParameterizedTest(name = "{0} as a pattern against {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "home/${aws:username}/*        | home/alice/x   | true",
            "home/${aws:username}/*        | home/bob/x     | false",
            "${aws:PrincipalTag/team}/x    | */x            | true",
            "${aws:PrincipalTag/team}/x    | anything/x     | false",
            "a${*}                         | a*             | true",
            "a${*}                         | ab             | false",
            "a${?}                         | ab             | false",
            "a?                            | ab             | true",
    })
    void substitutedValuesAreLiteral(String template, String value, boolean expected) {
        Glob g = Template.parse(template, true).resolveGlob(CONTEXT::get, Wildcards.Mode.PLAIN);
        assertEquals(expected, g.matches(value));
    }
}
