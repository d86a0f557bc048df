import { test } from "node:test";
import assert from "node:assert/strict";
import { isStandardCode, ownerNote } from "./_owner.ts";

test("isStandardCode: the runtime's and standard library's code, not the program's", () => {
  for (
    const fn of [
      "unicode.init",
      "(*sync.Map).LoadOrStore",
      "encoding/json.typeEncoder",
      "malloc",
      "runtime.mapassign",
    ]
  ) {
    assert.ok(isStandardCode({ function: fn }), fn);
  }
  for (
    const fn of [
      "main.main",
      "main.init",
      "mapscope.test/targets/internal/view.Encode",
      "github.com/a/b.F",
      "runtime.run$1$gowrapper",
    ]
  ) {
    assert.ok(!isStandardCode({ function: fn }), fn);
  }
  // an absolute file decides over the function (TinyGo inlines main.main into the runtime's wrapper)
  assert.ok(!isStandardCode({ function: "runtime.run$1$gowrapper", file: "/home/me/app/main.go", line: 3 }));
  assert.ok(
    isStandardCode({ function: "runtime.run$1$gowrapper", file: "/usr/local/go/src/fmt/print.go", line: 1 }),
  );
  assert.ok(isStandardCode({ function: "x", file: "/opt/tinygo/src/runtime/hashmap.go", line: 1 }));
  assert.ok(
    !isStandardCode({ function: "x", file: "/home/me/src/myapp/main.go", line: 1 }),
    "myapp is no standard root",
  );
  // a relative file (Go's pclntab spelling) leaves it to the function
  assert.ok(isStandardCode({ function: "unicode.init", file: "unicode/tables.go", line: 1 }));
});

test("ownerNote: the runtime's, a package initializer's (TinyGo's initAll without DWARF), or nothing", () => {
  assert.equal(
    ownerNote({ function: "unicode.init", file: "unicode/tables.go", line: 3 }),
    "; the runtime's or standard library's own map",
  );
  assert.match(ownerNote({ function: "runtime.initAll" }), /^; written by a package initializer/);
  assert.equal(ownerNote({ function: "main.main", file: "/app/main.go", line: 3 }), "");
});
