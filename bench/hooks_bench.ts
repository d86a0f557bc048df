// Issue #7: run time of a map-heavy target (100k inserts, then a range) plain, with panic-entry
// hooks (goal: within 1.05x), and with --all-maps, which hooks every map assignment (goal: within 2x).
// Run: deno task bench
import { ExitSignal, type RunOptions } from "../mod.ts";
import { compileModule, execute } from "../lib/run/mod.ts";

const N = Deno.env.get("MAPSCOPE_BENCH_INSERTS") ?? "100000";
for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
  const bytes = await Deno.readFile(new URL(`../go-targets/dist/${tc}/growth.wasm`, import.meta.url));
  const variants: [string, RunOptions][] = [
    ["plain", { hooks: false }],
    ["panic-entry hooks", { hooks: true }],
    ["--all-maps", { hooks: true, allMaps: true }],
  ];
  for (const [label, opts] of variants) {
    // compiled once per variant, outside the timed part, as run() compiles once per call
    const c = await compileModule(bytes, opts);
    const group = `hooks ${tc}`;
    Deno.bench(`${label} ${tc}`, { group, baseline: label === "plain", n: 10, warmup: 2 }, async (b) => {
      // timed: instantiate, N inserts and a range over the map, up to checkpoint "ranged";
      // the program's own JSON view and mapscope's end-of-run snapshot are left out
      b.start();
      await execute(c.compiled, c.info, c.toolchain, {
        args: ["growth", N, "bulk"],
        deterministic: true,
        hooked: c.hooked,
        onCheckpoint: (cp) => {
          if (cp.label !== "ranged") return;
          b.end();
          throw new ExitSignal(0);
        },
      });
    });
  }
}
