// The "says what it throws" documentation rule, tested on a made-up doc that breaks it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { missingThrows } from "../scripts/doc_rules.ts";

test("missingThrows lists functions and public methods that do not say what they throw", () => {
  const doc = {
    nodes: {
      "file:///repo/lib/wasm/mod.ts": {
        symbols: [
          { name: "silent", declarations: [{ kind: "function", jsDoc: { doc: "Reads a thing." } }] },
          {
            name: "loud",
            declarations: [{ kind: "function", jsDoc: { doc: "Throws ModuleError when bad." } }],
          },
          { name: "calm", declarations: [{ kind: "function", jsDoc: { doc: "Never throws." } }] },
          { name: "tagged", declarations: [{ kind: "function", jsDoc: { tags: [{ kind: "throws" }] } }] },
          { name: "bare", declarations: [{ kind: "function" }] },
          {
            name: "Reader",
            declarations: [{
              kind: "class",
              def: {
                methods: [
                  { name: "read", jsDoc: { doc: "Reads; throws MemoryAccessError outside memory." } },
                  { name: "peek", jsDoc: { doc: "Looks." } },
                  { name: "#inner", jsDoc: { doc: "Private." } },
                  { name: "hidden", accessibility: "private" },
                ],
              },
            }],
          },
        ],
      },
    },
  };
  assert.deepEqual(missingThrows(doc), [
    "lib/wasm/mod.ts: silent",
    "lib/wasm/mod.ts: bare",
    "lib/wasm/mod.ts: Reader.peek",
  ]);
});
