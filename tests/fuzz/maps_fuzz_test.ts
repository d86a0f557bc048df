// Issue #11: the short profile of the map fuzzer, as part of the suite: fixed seeds, a few thousand
// mutated snapshots per layout, every throw typed. (The long run is `deno task fuzz`.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { fuzzMaps, loadTarget } from "./_maps_harness.ts";

const CASES = 4000;

for (const layout of ["tinygo-0.41.0", "go1.26.8", "go1.27.3", "go1.27.3-mapsplitgroup"]) {
  for (const [target, args] of [["shapes", []], ["growth", ["300"]]] as const) {
    test(`fuzz ${layout} ${target}: ${CASES} mutated snapshots, three reads each, no untyped throw`, async () => {
      const t = await loadTarget(layout, target, [...args]);
      assert.ok(t.maps.length > 0);
      const s = fuzzMaps(layout, t, { cases: CASES, seed: 0x5eed + target.length });
      assert.equal(s.cases, CASES);
      assert.deepEqual(s.untyped.slice(0, 3), [], `${s.untyped.length} untyped throws`);
      assert.ok(s.typedErrors > 0, "the mutations reach the checks");
    });
  }
}
