package dev.iampreflight.code.python;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Index#seal}: what the evaluator reads is unchanged by it, and indexing after it is refused. */
class IndexSealTest {

    @Test
    void sealKeepsBindingsAndCallsAndRefusesMoreFiles() {
        Index index = new Index();
        index.add(PythonParser.parse("app.py", """
                import boto3
                name = 'a'
                name = name + 'b'
                def f(x, y=1):
                    global name
                    name = x
                    return boto3.client('s3').get_object(Bucket=name, Key=y)
                class C:
                    def m(self):
                        self.t = 'x'
                        self.t = 'y'
                        return f(self.t)
                """));
        Index.Scope module = index.modules.get("app").scope;
        List<Index.Binding> before = List.copyOf(module.bindings.get("name"));
        int calls = index.calls.size();
        List<Index.CallSite> named = List.copyOf(index.callsByName.get("f"));
        new Evaluator(index, Boto3Models.bundled());
        assertEquals(before, module.bindings.get("name"));
        assertEquals(3, before.size());
        assertEquals(calls, index.calls.size());
        assertEquals(named, index.callsByName.get("f"));
        assertEquals(2, index.classes.get(0).selfAttrs.get("t").size());
        assertThrows(UnsupportedOperationException.class, () -> module.bindings.get("name").add(before.get(0)));
        assertEquals(java.util.Set.of("name"), index.modules.get("app").scope.bindings.get("f").isEmpty() ? null
                : ((Index.DefB) index.modules.get("app").scope.bindings.get("f").get(0)).f().scope.globals);
        assertThrows(IllegalStateException.class, () -> index.add(PythonParser.parse("b.py", "x = 1\n")));
    }

    @Test
    void sealedBindingsByNodeKeepOneDefAsItselfAndSeveralInOrder() {
        Index index = new Index();
        index.add(PythonParser.parse("app.py", """
                a, b = 1, 2
                c = a
                for x, y in [(a, b)]:
                    pass
                """));
        PyNode root = index.modules.get("app").file.root();
        PyNode unpack = root.namedChildren().get(0).namedChildren().get(0);
        PyNode single = root.namedChildren().get(1).namedChildren().get(0);
        assertEquals(List.of("a", "b"), Index.defs(index.defsAt.get(unpack)).stream().map(Index.Def::name).toList());
        assertEquals(List.of("c"), Index.defs(index.defsAt.get(single)).stream().map(Index.Def::name).toList());
        new Evaluator(index, Boto3Models.bundled());
        assertEquals(Index.Def.class, index.defsAt.get(single).getClass());
        assertEquals(List.of("c"), Index.defs(index.defsAt.get(single)).stream().map(Index.Def::name).toList());
        assertEquals(List.of("a", "b"), Index.defs(index.defsAt.get(unpack)).stream().map(Index.Def::name).toList());
        assertThrows(UnsupportedOperationException.class,
                () -> Index.defs(index.defsAt.get(unpack)).add(Index.defs(index.defsAt.get(single)).get(0)));
        assertEquals(null, Index.defs(index.defsAt.get(root)));
    }
}
