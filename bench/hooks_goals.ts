/**
 * Hook goals: run time of a map-heavy target (inserts, then a range) with panic-entry hooks
 * against the plain module (#7: ≤ 1.05x), and with `--all-maps`, which hooks every map write
 * (#13: ≤ 1.5x; the hooks call the host only when a write is to another map than the last, or,
 * on TinyGo, may grow its map).
 *
 * @module
 */
import { ExitSignal, type RunOptions } from "../mod.ts";
import { compileModule, execute } from "../lib/run/mod.ts";
import type { Goal, Profile, Sample } from "./_harness.ts";

/** The hook goals of one profile (30k inserts short, 100k full). */
export async function hookGoals(profile: Profile): Promise<Goal[]> {
  const n = String(profile === "short" ? 30_000 : 100_000);
  const goals: Goal[] = [];
  for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
    const bytes = await Deno.readFile(new URL(`../go-targets/dist/${tc}/growth.wasm`, import.meta.url));
    // compiled once per variant, outside the timed part, as run() compiles once per call
    const variant = async (opts: RunOptions): Promise<Sample> => {
      const c = await compileModule(bytes, opts);
      return async () => {
        // timed: instantiate, the inserts and a range over the map, up to checkpoint "ranged"
        const t = performance.now();
        let dt = 0;
        await execute(c.compiled, c.info, c.toolchain, {
          args: ["growth", n, "bulk"],
          deterministic: true,
          hooked: c.hooked,
          onCheckpoint: (cp) => {
            if (cp.label !== "ranged") return;
            dt = performance.now() - t;
            throw new ExitSignal(0);
          },
        });
        return dt;
      };
    };
    const plain = { label: "plain run", sample: await variant({ hooks: false }) };
    goals.push({
      name: `panic-entry hooks ${tc}`,
      issue: "#7",
      goal: 1.05,
      statistic: "median",
      unit: "ms",
      baseline: plain,
      subject: { label: "hooked run", sample: await variant({ hooks: true }) },
      samples: { short: 5, full: 10 },
      rounds: { short: 3, full: 5 },
      sampling: "alternate",
    });
    goals.push({
      name: `--all-maps ${tc}`,
      issue: "#13",
      goal: 1.5,
      statistic: "median",
      unit: "ms",
      baseline: plain,
      subject: { label: "--all-maps run", sample: await variant({ hooks: true, allMaps: true }) },
      samples: { short: 5, full: 10 },
      rounds: { short: 3, full: 5 },
      sampling: "alternate",
    });
  }
  return goals;
}
