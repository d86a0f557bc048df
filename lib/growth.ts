/**
 * Growth reports: how each tracked map's structure changed across a run's checkpoints. The
 * grouping by map is here; what counts as a growth event and which rules must hold are the
 * family's (the growth.ts of each family folder).
 *
 * @module
 */
import type { GrowthStep } from "./family/family.ts";
import { familyOf } from "./family/registry.ts";
import type { Checkpoint, GrowthReport } from "./model/result.ts";
import type { FamilyId } from "./model/snapshot.ts";

function byName(checkpoints: readonly Checkpoint[]): Map<string, GrowthStep[]> {
  const out = new Map<string, GrowthStep[]>();
  for (const cp of checkpoints) {
    for (const m of cp.maps) {
      if (!m.name || m.error !== undefined) continue;
      let list = out.get(m.name);
      if (!list) out.set(m.name, list = []);
      list.push({ seq: cp.seq, snap: m });
    }
  }
  return out;
}

/**
 * The growth report of one map from its snapshots in checkpoint order (all of one family):
 * the family's events and violations, plus the rule every family shares: the header never moves.
 * Never throws: broken rules are reported as violations, not thrown.
 *
 * @example
 * ```ts
 * import { growthReport } from "@mapscope/mapscope/run";
 * console.log(growthReport("m", "go", []).checkpoints); // 0
 * ```
 */
export function growthReport(name: string, family: FamilyId, steps: readonly GrowthStep[]): GrowthReport {
  const { events, violations } = familyOf(family).growth.analyze(steps);
  const address = steps[0]?.snap.address ?? 0;
  const headerFixed = steps.every((x) => x.snap.address === address);
  if (!headerFixed) violations.push("the header address changed between checkpoints");
  return {
    name,
    address,
    family,
    headerFixed,
    checkpoints: steps.length,
    finalLen: steps.at(-1)?.snap.len ?? 0,
    events,
    violations,
  };
}

/**
 * Builds a growth report for every tracked map seen at the checkpoints.
 * Never throws: broken rules are reported as violations, not thrown.
 *
 * @example
 * ```ts
 * import { growthReports, run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/tinygo-0.41.0/growth.wasm");
 * const result = await run(wasm, { args: ["growth", "200"], deterministic: true });
 * for (const g of growthReports(result.checkpoints)) console.log(g.name, g.events.length, g.violations);
 * ```
 */
export function growthReports(checkpoints: readonly Checkpoint[]): GrowthReport[] {
  const out: GrowthReport[] = [];
  for (const [name, steps] of byName(checkpoints)) out.push(growthReport(name, steps[0]!.snap.family, steps));
  return out;
}
