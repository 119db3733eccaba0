package dev.iampreflight.code.python;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * String operations that build ARNs and keys (issue #10): computed when the strings are known, unknown ({@code ?})
 * otherwise, never a guess.
 */
class StringValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "'orders-' + 'dev'"                              | 'orders-dev'
            "f'{PREFIX}-{STAGE}'"                            | 'app-' + env[STAGE]
            "'%s-%s' % (PREFIX, 'x')"                        | 'app-x'
            "'{}-{}'.format(PREFIX, 'x')"                    | 'app-x'
            "'{p}/{s}'.format(p=PREFIX, s=STAGE)"            | 'app/' + env[STAGE]
            "'{0}-{0}'.format(PREFIX)"                       | 'app-app'
            "'{:>8}'.format(PREFIX)"                         | ?
            "'-'.join([PREFIX, 'a', STAGE])"                 | 'app-a-' + env[STAGE]
            "'-'.join(event['parts'])"                       | ?
            "'My_Table'.replace('_', '-')"                   | 'My-Table'
            "'My_Table'.lower()"                             | 'my_table'
            "(PREFIX + '-' + STAGE).upper()"                 | 'APP-' + ?
            "'  t  '.strip()"                                | 't'
            "'xxtxx'.rstrip('x')"                            | 'xxt'
            "'a/b/c'.split('/')[1]"                          | 'b'
            "'a/b/c'.split('/')[-1]"                         | 'c'
            "'a b'.split()[0]"                               | 'a'
            "STAGE.split('-')[0]"                            | ?
            "'orders-table'[:6]"                             | 'orders'
            "'orders-table'[-5:]"                            | 'table'
            "'orders-table'[::2]"                            | ?
            "str(PREFIX)"                                    | 'app'
            "NAMES['orders']"                                | 'orders-tbl'
            "NAMES.get('users', 'fallback')"                 | 'fallback'
            "LIST[-1]"                                       | 'last'
            "Config.TABLE"                                   | 'cfg-tbl'
            "Config().TABLE"                                 | 'cfg-tbl'
            "PREFIX.title()"                                 | ?
            """)
    void stringExpressions(String expr, String expected) {
        String src = """
                import os
                import boto3
                ddb = boto3.client('dynamodb')
                PREFIX = 'app'
                STAGE = os.environ['STAGE']
                NAMES = {'orders': 'orders-tbl'}
                LIST = ['first', 'last']
                class Config:
                    TABLE = 'cfg-tbl'
                def handler(event, context):
                    ddb.get_item(TableName=%s)
                """.formatted(expr);
        assertEquals(List.of("dynamodb.get_item(TableName=" + expected + ") HIGH"),
                ScanHarness.rendered(ScanHarness.scan(src)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "parts = ['a']\\n    parts += ['b']\\n    key = '/'.join(parts)"   | 'a/b'
            "key = 'k'\\n    key = key.upper()"                                 | 'K'
            """)
    void statementsBuildingAString(String statements, String expected) {
        String src = """
                import boto3
                s3 = boto3.client('s3')
                def handler(event, context):
                    %s
                    s3.get_object(Bucket='b', Key=key)
                """.formatted(statements.replace("\\n", "\n"));
        assertEquals(List.of("s3.get_object(Bucket='b', Key=" + expected + ") HIGH"),
                ScanHarness.rendered(ScanHarness.scan(src)));
    }

    @org.junit.jupiter.api.Test
    void dataclassFieldsTakeTheConstructorsArguments() {
        assertEquals(List.of("dynamodb.get_item(TableName='orders' | 'users') HIGH",
                "dynamodb.get_item(TableName='default-table') HIGH"), ScanHarness.rendered(ScanHarness.scan("""
                import boto3
                from dataclasses import dataclass
                ddb = boto3.client('dynamodb')
                @dataclass
                class Settings:
                    region: str
                    table: str = 'never-used'
                @dataclass(frozen=True)
                class Other:
                    table: str = 'default-table'
                def handler(event, context):
                    a = Settings('eu-west-1', 'orders')
                    b = Settings(region='x', table='users')
                    ddb.get_item(TableName=a.table)
                    ddb.get_item(TableName=Other().table)
                """)));
    }
}
