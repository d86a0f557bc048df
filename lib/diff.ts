/**
 * The per-map difference between two moments of a run: what deferred calls did to each map
 * between a panic's entry and the runtime's `panic:` print.
 *
 * @module
 */
import type { MapDiff } from "./model/result.ts";
import type { MapSnapshot } from "./model/snapshot.ts";
import { hex } from "./hex.ts";

/**
 * The per-map difference between two lists of snapshots of the same maps (matched by address).
 * Never throws.
 *
 * @example
 * ```ts
 * import { diffSnapshots } from "@mapscope/mapscope/run";
 * import { run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/go1.26.8/deferred.wasm");
 * const r = await run(wasm, { args: ["deferred"], deterministic: true });
 * const fatal = r.panics.find((p) => !p.recovered)!;
 * for (const d of diffSnapshots(fatal.snapshots, fatal.atPrint!)) console.log(d.name, d.added, d.removed, d.changed);
 * ```
 */
export function diffSnapshots(before: readonly MapSnapshot[], after: readonly MapSnapshot[]): MapDiff[] {
  const out: MapDiff[] = [];
  const byAddress = new Map(after.map((x) => [x.address, x]));
  for (const b of before) {
    const a = byAddress.get(b.address);
    if (!a || !a.entries || !b.entries) continue;
    const bm = new Map(b.entries.map((e) => [e.keyJson, e]));
    const am = new Map(a.entries.map((e) => [e.keyJson, e]));
    const d: MapDiff = {
      name: b.name ?? hex(b.address),
      address: b.address,
      added: [],
      removed: [],
      changed: [],
    };
    for (const [k, e] of am) {
      const old = bm.get(k);
      if (!old) d.added.push(e.json);
      else if (old.valueJson !== e.valueJson) {
        d.changed.push({ key: k, before: old.valueJson, after: e.valueJson });
      }
    }
    for (const [k, e] of bm) if (!am.has(k)) d.removed.push(e.json);
    d.added.sort();
    d.removed.sort();
    d.changed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    out.push(d);
  }
  return out;
}
