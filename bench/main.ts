/**
 * `deno task bench`: measures every speed and memory goal, prints the goal table, and writes a
 * JSON summary. Ratios compare two sides measured in the same run (see `_harness.ts`).
 *
 *     deno task bench                       # full profile (the README's table), bench-out/summary.json
 *     deno task bench --profile short       # CI's short profile
 *     deno task bench --gate 0.3            # exit 1 if a ratio is worse than its goal by over 30%
 *                                           # (in two measurements in a row: see measureGated)
 *     deno task bench --only header         # goals whose name contains "header"
 *
 * @module
 */
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import {
  formatTable,
  gateFailures,
  type Goal,
  type GoalResult,
  measureGated,
  type Profile,
} from "./_harness.ts";
import { hookGoals } from "./hooks_goals.ts";
import { hostGoals } from "./host_goals.ts";
import { mapGoals, walkGoals } from "./maps_goals.ts";
import { memoryGoals } from "./memory_goals.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    profile: { type: "string", default: "full" },
    gate: { type: "string" },
    only: { type: "string" },
    out: { type: "string", default: "bench-out/summary.json" },
  },
});
const profile = values.profile as Profile;
if (profile !== "short" && profile !== "full") throw new Error(`--profile must be short or full`);
const margin = values.gate === undefined ? undefined : Number(values.gate);
if (margin !== undefined && !(margin >= 0)) throw new Error("--gate takes a margin such as 0.3");

const started = performance.now();
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${s}`);
const groups: [string, (p: Profile) => Promise<Goal[]>][] = [
  ["maps", mapGoals],
  ["walk", walkGoals],
  ["hooks", hookGoals],
  ["host", hostGoals],
  ["memory", memoryGoals],
];
const results: GoalResult[] = [];
for (const [group, make] of groups) {
  log(`setting up ${group} goals`);
  for (const g of await make(profile)) {
    if (values.only && !g.name.includes(values.only)) continue;
    // each goal starts from a collected heap (deno task bench passes --expose-gc)
    (globalThis as { gc?: () => void }).gc?.();
    const r = await measureGated(g, profile, margin, (i, n, ratio) => {
      if (n > 1) log(`  ${g.name}: round ${i}/${n}: ${ratio.toFixed(3)}x`);
    }, (first) => log(`${g.name}: ${first.ratio.median}x fails the gate; measuring it again`));
    results.push(r);
    log(`${r.name}: ${r.ratio.median}x (goal ${r.goal}x) ${r.met ? "met" : "MISSED"}`);
  }
}
console.log(formatTable(results));
const summary = {
  profile,
  date: new Date().toISOString(),
  runtime: `deno ${Deno.version.deno}, V8 ${Deno.version.v8}`,
  cpus: navigator.hardwareConcurrency,
  seconds: Math.round((performance.now() - started) / 1000),
  goals: results,
};
await Deno.mkdir(dirname(values.out!), { recursive: true });
await Deno.writeTextFile(values.out!, JSON.stringify(summary, null, 2) + "\n");
console.log(
  `\n${results.filter((r) => r.met).length} of ${results.length} goals met; summary: ${values.out}`,
);
if (margin !== undefined) {
  const failures = gateFailures(results, margin);
  for (const f of failures) console.log(`REGRESSION ${f}`);
  if (failures.length > 0) Deno.exit(1);
  console.log(`gate passed: no ratio worse than its goal by more than ${Math.round(margin * 100)}%`);
}
