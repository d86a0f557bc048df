/**
 * The long run of the fuzzers: `deno task fuzz -- --cases 1000000 [--seed N] [--layout NAME]`.
 * For each layout, mutated snapshots of the `shapes` and `growth` targets' maps (half the cases
 * each), then module bytes, Go type expressions, every WASI import's arguments, CLI command
 * lines and DWARF sections (at most 100,000 cases). Prints, per layout: cases, untyped throws, calls over 100 ms (a call over 100 ms is timed
 * again after a full collection, and counts only if it is slow again: a collection of earlier
 * calls' garbage is not the input's cost; those are counted apart), the slowest call, and the
 * process's peak memory; exits non-zero on any
 * untyped throw. A failing case is printed with its seed and mutation, to be added as a
 * regression test.
 *
 * @module
 */
import process from "node:process";
import { fuzzMaps, loadTarget } from "../tests/fuzz/_maps_harness.ts";
import { fuzzDwarf, fuzzModules, fuzzTypeExpressions } from "../tests/fuzz/_inputs_harness.ts";
import { fuzzCli, fuzzWasiImports } from "../tests/fuzz/_host_harness.ts";
import { wasm } from "../tests/_helpers.ts";

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
};
const cases = Number(flag("--cases", "20000"));
const seed = Number(flag("--seed", "1"));
const layouts = flag("--layout", "tinygo-0.41.0,go1.26.8,go1.27.3,go1.27.3-mapsplitgroup").split(",");
let peak = 0;
/** The process's peak resident memory so far: the kernel's high-water mark where there is one. */
const sample = () => {
  let hwm = 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
    if (m) hwm = Number(m[1]) * 1024;
  } catch { /* not Linux: sampled resident memory only */ }
  peak = Math.max(peak, hwm, process.memoryUsage().rss);
};
let failures = 0;

for (const layout of layouts) {
  let total = 0, untyped = 0, slow = 0, maxMs = 0, gcDelayed = 0, maxRawMs = 0;
  const t0 = performance.now();
  for (const [target, targs] of [["shapes", []], ["growth", ["2000"]]] as const) {
    const t = await loadTarget(layout, target, [...targs]);
    const n = Math.ceil(cases / 2);
    const s = fuzzMaps(layout, t, {
      cases: n,
      seed: seed + target.length,
      onProgress: (done) => {
        sample();
        if (done % 50_000 === 0) console.error(`  ${layout} ${target}: ${done}/${n} cases`);
      },
    });
    total += s.cases;
    untyped += s.untyped.length;
    slow += s.slow;
    maxMs = Math.max(maxMs, s.maxMs);
    gcDelayed += s.gcDelayed;
    maxRawMs = Math.max(maxRawMs, s.maxRawMs);
    for (const u of s.untyped.slice(0, 5)) {
      console.error(
        `  UNTYPED ${layout} ${target} seed ${seed + target.length} case ${u.seq}: ${u.mutation}: ${u.error}`,
      );
    }
    for (const c of s.slowCases.slice(0, 3)) {
      console.error(`  slow ${layout} ${target} case ${c.seq}: ${c.ms} ms: ${c.mutation}`);
    }
  }
  sample();
  (globalThis as { gc?: () => void }).gc?.(); // the layout's targets, before the next is loaded
  failures += untyped;
  console.log(
    `${layout.padEnd(24)} ${total} mutations, ${untyped} untyped throws, ${slow} calls over 100 ms, slowest ${
      maxMs.toFixed(1)
    } ms (${gcDelayed} over 100 ms only once, with a collection: slowest ${
      maxRawMs.toFixed(1)
    } ms), peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
const mods = await fuzzModules(wasm("go1.26.8", "hello"), Math.min(cases, 2000), seed);
const exprs = fuzzTypeExpressions(cases, seed);
const wasi = fuzzWasiImports(cases, seed);
const cli = await fuzzCli(Math.min(cases, 2000), seed);
const dwarf = fuzzDwarf(wasm("clang-19-wasi", "wasi_files"), Math.min(cases, 100_000), seed);
sample();
failures += mods.untyped.length + exprs.untyped.length + wasi.untyped.length + cli.untyped.length +
  dwarf.untyped.length;
for (const [label, st] of [["WASI import arguments", wasi], ["CLI arguments", cli]] as const) {
  console.log(
    `${label.padEnd(24)} ${st.cases} cases, ${st.untyped.length} untyped throws, slowest ${
      st.maxMs.toFixed(1)
    } ms (${st.slowest.slice(0, 100)})`,
  );
  for (const u of st.untyped.slice(0, 5)) console.error(`  UNTYPED case ${u.seq}: ${u.what}: ${u.error}`);
}
console.log(
  `module bytes             ${mods.cases} mutations, ${mods.untyped.length} untyped throws, slowest ${
    mods.maxMs.toFixed(1)
  } ms`,
);
console.log(
  `type expressions         ${exprs.cases} cases, ${exprs.untyped.length} untyped throws, slowest ${
    exprs.maxMs.toFixed(1)
  } ms`,
);
console.log(
  `DWARF sections           ${dwarf.cases} mutations, ${dwarf.untyped.length} untyped throws, slowest ${
    dwarf.maxMs.toFixed(1)
  } ms`,
);
for (const u of [...mods.untyped, ...exprs.untyped, ...dwarf.untyped].slice(0, 5)) {
  console.error(`  UNTYPED case ${u.seq}: ${u.what}: ${u.error}`);
}
console.log(`peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
process.exitCode = failures ? 1 : 0;
