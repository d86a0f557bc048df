// Issue #10: the documentation rule CI enforces (scripts/check-docs.ts) fires on an export without
// an example and not on one with it or on a re-export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { missingExamples } from "../scripts/doc_rules.ts";

test("missingExamples lists exports without an @example, skipping re-exports", () => {
  const doc = {
    nodes: {
      "file:///repo/lib/wasm/mod.ts": {
        symbols: [
          {
            name: "withExample",
            declarations: [{ kind: "function", jsDoc: { tags: [{ kind: "example" }] } }],
          },
          {
            name: "noExample",
            declarations: [{ kind: "interface", jsDoc: { tags: [{ kind: "deprecated" }] } }],
          },
          { name: "noDoc", declarations: [{ kind: "variable" }] },
          { name: "reexport", declarations: [{ kind: "reference" }] },
        ],
      },
    },
  };
  assert.deepEqual(missingExamples(doc), ["lib/wasm/mod.ts: noExample", "lib/wasm/mod.ts: noDoc"]);
});
