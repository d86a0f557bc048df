// Mutation fuzzers over the other inputs a user hands mapscope: module bytes (truncated, bit
// flips in every section) through parseModule and run's preparation, Go type expressions
// through parseGoType, and DWARF sections through the line table and scope readers. Every throw must be a MapscopeError.
import { MapscopeError } from "../../mod.ts";
import { compileModule } from "../../lib/run/mod.ts";
import { parseGoType } from "../../lib/types/mod.ts";
import { parseModule } from "../../lib/wasm/mod.ts";
import { brief, Rng } from "./_rng.ts";
import { LineTable } from "../../lib/dwarf/line.ts";
import { DebugScopes } from "../../lib/dwarf/info.ts";

/** What an input fuzz run found. */
export interface InputFuzzStats {
  cases: number;
  typed: number;
  accepted: number;
  untyped: { seq: number; what: string; error: string }[];
  maxMs: number;
}

function record(stats: InputFuzzStats, seq: number, what: string, e: unknown): void {
  if (e instanceof MapscopeError) stats.typed++;
  else {stats.untyped.push({
      seq,
      what,
      error: brief(e),
    });}
}

/** Mutated module bytes: truncations and bit flips, parsed and prepared (hooks inserted, compiled). */
export async function fuzzModules(bytes: Uint8Array, cases: number, seed: number): Promise<InputFuzzStats> {
  const rng = new Rng(seed);
  const stats: InputFuzzStats = { cases: 0, typed: 0, accepted: 0, untyped: [], maxMs: 0 };
  const sections = parseModule(bytes).sections;
  for (let seq = 0; seq < cases; seq++) {
    let m: Uint8Array;
    let what: string;
    if (rng.int(4) === 0) {
      const n = rng.int(bytes.length);
      m = bytes.subarray(0, n);
      what = `truncated to ${n}`;
    } else {
      m = bytes.slice();
      const s = rng.pick(sections);
      const flips: number[] = [];
      for (let i = 1 + rng.int(3); i > 0; i--) {
        // aim at the section's first bytes (sizes, counts, names) most of the time
        const span = rng.int(3) === 0 ? s.end - s.start : Math.min(64, s.end - s.start);
        const at = s.start + rng.int(Math.max(span, 1));
        if (at >= m.length) continue;
        m[at] = m[at]! ^ (1 << rng.int(8));
        flips.push(at);
      }
      what = `section ${s.id} ${s.name} flips ${flips.join(",")}`;
    }
    const t0 = performance.now();
    try {
      parseModule(m);
      await compileModule(m, { hooks: true, allMaps: true });
      stats.accepted++;
    } catch (e) {
      record(stats, seq, what, e);
    }
    stats.maxMs = Math.max(stats.maxMs, performance.now() - t0);
    stats.cases++;
  }
  return stats;
}

const TOKENS = [
  "map[",
  "]",
  "[",
  "[]",
  "*",
  "struct{",
  "}",
  ";",
  ",",
  "int",
  "string",
  "int8",
  "float64",
  "any",
  "interface{}",
  "chan ",
  "A ",
  "b ",
  "[3]",
  "[0]",
  "[4294967295]",
  "[99999999999]",
  "byte",
  "unsafe.Pointer",
  "main.T",
  "(",
  ")",
  " ",
  "é",
  "\u0000",
];

/** Random Go type expressions made of type-ish tokens, some of them deeply nested. */
export function fuzzTypeExpressions(cases: number, seed: number): InputFuzzStats {
  const rng = new Rng(seed);
  const stats: InputFuzzStats = { cases: 0, typed: 0, accepted: 0, untyped: [], maxMs: 0 };
  for (let seq = 0; seq < cases; seq++) {
    const n = rng.int(4) === 0 ? rng.int(5000) : 1 + rng.int(12);
    let expr = "";
    for (let i = 0; i < n; i++) expr += rng.pick(TOKENS);
    const t0 = performance.now();
    try {
      parseGoType(expr, rng.int(2) ? 4 : 8);
      stats.accepted++;
    } catch (e) {
      record(stats, seq, expr.slice(0, 80), e);
    }
    stats.maxMs = Math.max(stats.maxMs, performance.now() - t0);
    stats.cases++;
  }
  return stats;
}

const DEBUG_SECTIONS = [".debug_line", ".debug_info", ".debug_abbrev", ".debug_str", ".debug_ranges"];

/**
 * Mutated DWARF: one of a module's debug sections truncated, or with bytes, flips and u32s
 * changed (its first bytes, the unit headers, most often), then read by the line table and scope
 * readers and looked up. Every throw must be a MapscopeError.
 */
export function fuzzDwarf(bytes: Uint8Array, cases: number, seed: number): InputFuzzStats {
  const rng = new Rng(seed);
  const stats: InputFuzzStats = { cases: 0, typed: 0, accepted: 0, untyped: [], maxMs: 0 };
  const custom = parseModule(bytes).custom;
  const names = DEBUG_SECTIONS.filter((n) => custom.has(n));
  if (names.length < 4) throw new Error("the module has no DWARF to fuzz");
  for (let seq = 0; seq < cases; seq++) {
    const name = rng.pick(names);
    const orig = custom.get(name)!;
    let m: Uint8Array;
    let what: string;
    if (rng.int(5) === 0) {
      const n = rng.int(orig.length);
      m = orig.subarray(0, n);
      what = `${name} truncated to ${n}`;
    } else {
      m = orig.slice();
      const dv = new DataView(m.buffer);
      const parts: string[] = [];
      for (let i = 1 + rng.int(4); i > 0; i--) {
        const span = rng.int(3) === 0 ? m.length : Math.min(256, m.length);
        const at = rng.int(Math.max(span - 4, 1));
        const op = rng.int(3);
        if (op === 0) m[at] = rng.int(256);
        else if (op === 1) m[at] = m[at]! ^ (1 << rng.int(8));
        else {dv.setUint32(
            at,
            rng.pick([0, 1, 0xffffffff, 0xfffffff0, 0x7fffffff, m.length, rng.u32()]),
            true,
          );}
        parts.push(`${["byte", "flip", "u32"][op]} ${at}`);
      }
      what = `${name} ${parts.join(", ")}`;
    }
    const sections = new Map(custom);
    sections.set(name, m);
    const t0 = performance.now();
    try {
      const lines = LineTable.parse(sections.get(".debug_line") ?? new Uint8Array());
      const scopes = DebugScopes.parse(sections);
      for (let k = 0; k < 8; k++) {
        const a = rng.u32() % 0x100000;
        lines.lookup(a, (l) => l === 1, a >> 1);
        scopes.innermost(a);
      }
      stats.accepted++;
    } catch (e) {
      record(stats, seq, what, e);
    }
    stats.maxMs = Math.max(stats.maxMs, performance.now() - t0);
    stats.cases++;
  }
  return stats;
}
