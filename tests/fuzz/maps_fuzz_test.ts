// Issue #11: the short profile of the map fuzzer, as part of the suite: fixed seeds, a few thousand
// mutated snapshots per layout, every throw typed. (The long run is `deno task fuzz`.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyMutation, fuzzMaps, loadTarget } from "./_maps_harness.ts";
import { CorruptMapError, MapReader } from "../../mod.ts";

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

// Cases found by long runs (`deno task fuzz`), replayed: the map at the mutated address, what a
// read of it must now say. Each was slow (over 100 ms a call) before its fix.
const FOUND: { layout: string; target: string; mutation: string; error: RegExp; fix: string }[] = [
  {
    // seed 7, case 148315: a struct field's Name length became 589823 bytes of non-name memory,
    // which every entry's JSON then spelled out (6 MB a read, 150 ms).
    layout: "go1.27.3-mapsplitgroup",
    target: "shapes",
    mutation: "u32 1940180=1127654645, flip 1879444.21, byte 1983297=133",
    error: /a name of \d+ bytes|has no Go name/,
    fix: "field names are checked: a Go identifier, at most 1024 bytes",
  },
];

for (const f of FOUND) {
  test(`fuzz regression ${f.layout} ${f.target} "${f.mutation}": ${f.fix}`, async () => {
    const t = await loadTarget(f.layout, f.target);
    const at = Number(/^\w+ (\d+)/.exec(f.mutation)![1]);
    const hit = t.maps.filter((m) => m.regions.some(([a, n]) => at >= a && at < a + n));
    assert.ok(hit.length > 0, "the mutation lands in a fuzzed map's bytes");
    const mem = t.result.memory!;
    const undo = applyMutation(mem.u8array(), f.mutation);
    const errors: string[] = [];
    for (const m of hit) {
      try {
        new MapReader(mem, t.result.toolchain, t.result.module).snapshot(m.address, {
          type: { descriptor: m.typeDescriptor },
          entries: true,
        });
      } catch (e) {
        assert.ok(e instanceof CorruptMapError, String(e));
        errors.push(e.message);
      }
    }
    undo();
    assert.ok(errors.some((e) => f.error.test(e)), errors.join("; "));
  });
}
