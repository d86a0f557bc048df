// Mutation fuzzer over real map snapshots: runs a committed target, then for each case mutates the
// bytes of one tracked map (header, buckets or groups, tables and directory, type descriptors) in
// the guest's memory, reads it three times through the public API (a new reader, the same reader
// again, a second new reader), renders it, and undoes the mutation. Every throw must be a
// MapscopeError; the time of every call is recorded.
import {
  formatRunReport,
  MapReader,
  MapscopeError,
  type MapSnapshot,
  run,
  type RunResult,
} from "../../mod.ts";
import { formatMap, runReportJson } from "../../lib/run/mod.ts";
import type { GoType } from "../../lib/types/mod.ts";
import { brief, Rng } from "./_rng.ts";
import { wasm } from "../_helpers.ts";

/** What one fuzz run found. */
export interface MapFuzzStats {
  layout: string;
  cases: number;
  calls: number;
  /** Calls that threw something other than a MapscopeError: case number, mutation and error. */
  untyped: { seq: number; mutation: string; error: string }[];
  /**
   * Calls slower than `slowMs`, and again when the same read is timed after a full collection:
   * the input's own cost.
   */
  slow: number;
  /** Calls slower than `slowMs` only once: timed again after a collection, they were not. */
  gcDelayed: number;
  /** The slowest call as first timed, collections of earlier garbage included. */
  maxRawMs: number;
  /** The slow calls: case number, mutation and milliseconds. */
  slowCases: { seq: number; mutation: string; ms: number }[];
  /** The slowest call, each slow one as timed again after a collection. */
  maxMs: number;
  typedErrors: number;
  truncated: number;
}

interface Target {
  result: RunResult;
  bytes: Uint8Array;
  maps: { address: number; typeDescriptor: number; regions: [number, number][] }[];
}

function descriptors(t: GoType, out: Set<number>, depth = 0): void {
  if (depth > 8) return;
  if (t.descriptor !== undefined) {
    if (out.has(t.descriptor)) return;
    out.add(t.descriptor);
  }
  for (const x of [t.key, t.elem, ...(t.fields ?? []).map((f) => f.type)]) {
    if (x) descriptors(x, out, depth + 1);
  }
}

function regionsOf(s: MapSnapshot, type: GoType | undefined, memSize: number): [number, number][] {
  const r: [number, number][] = [[s.address, s.family === "tinygo" ? 40 : 48]];
  if (s.error === undefined && s.family === "tinygo") {
    r.push([s.tinygo.bucketsAddress, Math.min(s.tinygo.bucketCount * s.tinygo.bucketSize, 1 << 16)]);
  } else if (s.error === undefined && s.family === "go") {
    const h = s.header;
    if (h.dirLen === 0) r.push([h.dirPtr, s.swiss.groupSize || 64]);
    else {
      r.push([h.dirPtr, 8 * h.dirLen]);
      for (const t of s.swiss.tables) {
        r.push([t.address, 32]);
        r.push([t.groups, Math.min((t.capacity / 8) * s.swiss.groupSize, 1 << 16)]);
      }
    }
  }
  const ds = new Set<number>();
  if (type) descriptors(type, ds);
  for (const d of ds) r.push([d & ~3, 144]);
  return r.filter(([a, n]) => a > 0 && a + n <= memSize);
}

/** Runs `target` on `layout` and collects every tracked map with the byte ranges worth mutating. */
export async function loadTarget(layout: string, target: string, args: string[] = []): Promise<Target> {
  const result = await run(wasm(layout, target), {
    args: [target, ...args],
    deterministic: true,
    hooks: false,
  });
  const mem = result.memory!;
  const reader = new MapReader(mem, result.toolchain, result.module);
  const maps = result.tracked.map((t) => {
    const type = reader.mapType({ descriptor: t.typeDescriptor });
    const snap = reader.snapshot(t.address, { type: { descriptor: t.typeDescriptor } });
    return { address: t.address, typeDescriptor: t.typeDescriptor, regions: regionsOf(snap, type, mem.size) };
  });
  return { result, bytes: mem.u8array(), maps };
}

/**
 * Applies a mutation as `fuzzMaps` describes it ("byte A=V", "flip A.BIT", "u32 A=V", joined by
 * ", ") to `bytes`, so that a case found by a long run can be replayed in a test; returns an undo.
 */
export function applyMutation(bytes: Uint8Array, what: string): () => void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const saved = bytes.slice();
  for (const part of what.split(", ")) {
    const [, op, a, b] = /^(byte|flip|u32) (\d+)[=.](\d+)$/.exec(part) ?? [];
    const at = Number(a), v = Number(b);
    if (op === "byte") bytes[at] = v;
    else if (op === "flip") dv.setUint32(at, dv.getUint32(at, true) ^ (1 << v) >>> 0, true);
    else if (op === "u32") dv.setUint32(at, v, true);
    else throw new Error(`not a mutation: ${part}`);
  }
  return () => bytes.set(saved);
}

/** A full collection when the process was started with `--expose-gc`, else nothing. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Applies 1 to 4 mutations to `bytes` inside `regions`; returns a description and an undo. */
function mutate(
  rng: Rng,
  bytes: Uint8Array,
  regions: [number, number][],
  pointers: number[],
): { what: string; undo: () => void } {
  const saved: [number, number][] = [];
  const parts: string[] = [];
  const n = 1 + rng.int(4);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) {
    const [start, len] = rng.pick(regions);
    const at = start + (rng.int(len) & ~3);
    if (at + 4 > bytes.length) continue;
    for (let j = 0; j < 4; j++) saved.push([at + j, bytes[at + j]!]);
    const op = rng.int(4);
    if (op === 0) {
      const b = at + rng.int(4);
      bytes[b] = rng.int(256);
      parts.push(`byte ${b}=${bytes[b]}`);
    } else if (op === 1) {
      const bit = rng.int(32);
      dv.setUint32(at, dv.getUint32(at, true) ^ (1 << bit) >>> 0, true);
      parts.push(`flip ${at}.${bit}`);
    } else {
      const old = dv.getUint32(at, true);
      const v = rng.pick([
        0,
        1,
        0xffffffff,
        0x80000000,
        0x7fffffff,
        bytes.length,
        bytes.length - 4,
        old + 1,
        old - 1,
        old * 2,
        old + 8,
        rng.u32() % bytes.length,
        rng.pick(pointers),
        rng.u32(),
      ]) >>> 0;
      dv.setUint32(at, v, true);
      parts.push(`u32 ${at}=${v}`);
    }
  }
  return {
    what: parts.join(", "),
    undo: () => {
      for (let k = saved.length - 1; k >= 0; k--) bytes[saved[k]![0]] = saved[k]![1];
    },
  };
}

/** Fuzzes the maps of a loaded target for `cases` cases from `seed`. */
export function fuzzMaps(
  layout: string,
  t: Target,
  options: {
    cases: number;
    seed: number;
    slowMs?: number;
    onProgress?: (done: number) => void;
    /** Replays only these case numbers (the others are mutated and undone, not read). */
    only?: ReadonlySet<number>;
  },
): MapFuzzStats {
  const rng = new Rng(options.seed);
  const slowMs = options.slowMs ?? 100;
  const stats: MapFuzzStats = {
    layout,
    cases: 0,
    calls: 0,
    untyped: [],
    slow: 0,
    slowCases: [],
    maxMs: 0,
    gcDelayed: 0,
    maxRawMs: 0,
    typedErrors: 0,
    truncated: 0,
  };
  const { result } = t;
  const mem = result.memory!;
  const pointers = t.maps.flatMap((m) => m.regions.map((r) => r[0]));
  for (let seq = 0; seq < options.cases; seq++) {
    const m = t.maps[rng.int(t.maps.length)]!;
    const { what, undo } = mutate(rng, mem.u8array(), m.regions, pointers);
    if (options.only && !options.only.has(seq)) {
      undo();
      continue;
    }
    const same = new MapReader(mem, result.toolchain, result.module);
    const readers = [same, same, new MapReader(mem, result.toolchain, result.module)];
    const read = (reader: MapReader): number => {
      const t0 = performance.now();
      try {
        const s = reader.snapshot(m.address, {
          name: "fuzzed",
          type: { descriptor: m.typeDescriptor },
          entries: true,
        });
        if ((s as { truncated?: unknown }).truncated) stats.truncated++;
        formatMap(s, 5);
      } catch (e) {
        if (e instanceof MapscopeError) stats.typedErrors++;
        else stats.untyped.push({ seq, mutation: what, error: brief(e, 3) });
      }
      return performance.now() - t0;
    };
    for (const reader of readers) {
      const raw = read(reader);
      stats.calls++;
      stats.maxRawMs = Math.max(stats.maxRawMs, raw);
      let ms = raw;
      if (raw > slowMs) {
        // Slow once may be a collection of earlier calls' garbage landing in this one: collect
        // (when --expose-gc allows) and time the same read again, by a new reader as the first
        // call was. Only a read that is slow again is this input's own cost.
        collectGarbage();
        ms = read(new MapReader(mem, result.toolchain, result.module));
        if (ms > slowMs) {
          stats.slow++;
          stats.slowCases.push({ seq, mutation: what, ms: Math.round(ms) });
        } else stats.gcDelayed++;
      }
      if (ms > stats.maxMs) stats.maxMs = ms;
    }
    undo();
    stats.cases++;
    if (options.onProgress && seq % 1000 === 999) options.onProgress(seq + 1);
    // Earlier cases' garbage collected between cases, outside any timed call, so that peak memory
    // measures what one case's calls hold rather than how long the engine put off collecting.
    if (seq % 10_000 === 9_999) collectGarbage();
  }
  // the memory is back as it was: the maps read as before
  for (const m of t.maps) {
    new MapReader(mem, result.toolchain, result.module).snapshot(m.address, {
      type: { descriptor: m.typeDescriptor },
      entries: true,
    });
  }
  void formatRunReport;
  void runReportJson;
  return stats;
}
