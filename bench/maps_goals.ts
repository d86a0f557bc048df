/**
 * Map-reading goals, for every toolchain build:
 *  - header snapshot against a raw DataView read of the same header bytes (#5, #15: p99 ≤ 3x);
 *  - panic to report with 102 tracked maps: every map snapshotted with entries and the text
 *    report built (#6, #15: p99 ≤ 1 ms);
 *  - a full host walk of a 1M-entry map against the program ranging over it inside wasm (#5:
 *    ≤ 1.5x), and decoding every entry against the same range (#15: ≤ 2x).
 *
 * @module
 */
import { ExitSignal, formatRunReport, MapReader, run, type RunResult } from "../mod.ts";
import { type Goal, type Profile, timeBatch } from "./_harness.ts";

/** The toolchain builds every map goal is measured on. */
export const TOOLCHAINS = ["tinygo-0.41.0", "go1.26.8", "go1.27.3", "go1.27.3-mapsplitgroup"] as const;

const load = (tc: string, t: string) =>
  Deno.readFile(new URL(`../go-targets/dist/${tc}/${t}.wasm`, import.meta.url));

/** Calls per timed batch in the header goal: a header read is ~100 ns, so a few calls are timed together. */
const HEADER_BATCH = 16;

/** The header and report goals (the same in both profiles but for their sample counts). */
export async function mapGoals(_profile: Profile): Promise<Goal[]> {
  const goals: Goal[] = [];
  for (const tc of TOOLCHAINS) {
    const hello = await run(await load(tc, "hello"), { args: ["hello"], deterministic: true });
    const mem = hello.memory!;
    const reader = new MapReader(mem, hello.toolchain, hello.module);
    const addr = hello.tracked[0]!.address;
    const size = tc.startsWith("tinygo") ? 40 : 48;
    goals.push({
      name: `header snapshot ${tc}`,
      issue: "#15",
      goal: 3,
      statistic: "p99",
      unit: "µs",
      baseline: {
        label: `raw ${size}-byte DataView read`,
        sample: () =>
          timeBatch(() => {
            const dv = new DataView(mem.u8array().buffer, addr, size);
            let x = 0;
            for (let i = 0; i < size; i += 4) x ^= dv.getUint32(i, true);
            if (x === 0.5) throw new Error("unreachable");
          }, HEADER_BATCH),
      },
      subject: {
        label: "MapReader.snapshot",
        sample: () => timeBatch(() => reader.snapshot(addr), HEADER_BATCH),
      },
      samples: { short: 2000, full: 20000 },
      // 7 short rounds: the first goal of a run has had a round at 4-6x while the JIT settles
      rounds: { short: 7, full: 9 },
      // optimised code is what is measured: ~30,000 calls first
      warmup: 2000,
    });
  }
  for (const tc of TOOLCHAINS) {
    const many = await run(await load(tc, "panics"), { args: ["panics", "many"], deterministic: true });
    if (many.tracked.length !== 102) throw new Error(`panics many: tracked ${many.tracked.length} maps`);
    // The run's reader, as at a real panic: made when the guest starts, its type caches live for the run.
    const rd = new MapReader(many.memory!, many.toolchain, many.module);
    goals.push({
      name: `panic to report, 102 maps ${tc}`,
      issue: "#15",
      goal: 1,
      statistic: "p99",
      unit: "ms",
      baseline: { label: "budget", sample: () => 1 },
      subject: {
        label: "snapshots with entries + text report",
        sample: () =>
          timeBatch(() => {
            const snaps = many.tracked.map((t) =>
              rd.snapshot(t.address, { name: t.name, type: { descriptor: t.typeDescriptor }, entries: true })
            );
            formatRunReport({ ...many, maps: snaps });
          }, 1),
      },
      samples: { short: 300, full: 500 },
      rounds: { short: 3, full: 5 },
      // Steady state is what is measured: the report's ~40 functions reach optimized code over its
      // first 200-300 runs, and on 2 cores their concurrent compiles (5-10 ms each) stalled reports
      // by 1-6 ms while they ran (a first round after 30 warm-up reports had a p99 of 0.9-1.2 ms,
      // the rounds after it 0.4-0.55 ms).
      warmup: 400,
      gateMargin: {
        margin: 0.6,
        why: "a report allocates 125-150 KiB, so a scavenge of 0.15-0.3 ms lands in every 30 reports and " +
          "the p99 of a round holds several; the old 12-17 ms would still fail",
      },
    });
  }
  return goals;
}

/**
 * The walk and decode goals of one profile (200k entries short, 1M full). The map is built at the
 * first sample, so that its heap exists only while these goals run.
 */
export async function walkGoals(profile: Profile): Promise<Goal[]> {
  const goals: Goal[] = [];
  const n = profile === "short" ? 200_000 : 1_000_000;
  for (const tc of TOOLCHAINS) {
    // The program ranges over its map between two checkpoints; the host walks the same map.
    const wasm = await load(tc, "growth");
    let built: { result: RunResult; addr: number; type: number } | undefined;
    const range = async (): Promise<number> => {
      let t0 = 0, t1 = 0, addr = 0, type = 0;
      const result = await run(wasm, {
        args: ["growth", String(n), "bulk"],
        deterministic: true,
        onCheckpoint: (cp, live) => {
          if (cp.label === "built") {
            addr = live!.tracked[0]!.address;
            type = live!.tracked[0]!.typeDescriptor;
            t0 = performance.now();
          } else {
            t1 = performance.now();
            throw new ExitSignal(0);
          }
        },
      });
      built = { result, addr, type };
      return t1 - t0;
    };
    const wasmRange = { label: `wasm range over ${n} entries`, sample: range };
    goals.push({
      name: `host walk ${n} ${tc}`,
      issue: "#5",
      goal: 1.5,
      statistic: "median",
      unit: "ms",
      baseline: wasmRange,
      subject: {
        label: "MapReader.walk",
        sample: async () => {
          if (!built) await range();
          const { result: r, addr, type } = built!;
          const dv = r.memory!.dataView();
          let sum = 0;
          const t = performance.now();
          new MapReader(r.memory!, r.toolchain, r.module).walk(addr, (k, v) => {
            sum += dv.getInt32(k, true) ^ dv.getInt32(v, true);
          }, { descriptor: type });
          const dt = performance.now() - t;
          if (sum === 0.5) throw new Error("unreachable");
          return dt;
        },
      },
      samples: { short: 3, full: 2 },
      rounds: { short: 3, full: 3 },
      warmup: 3,
      sampling: "alternate",
    });
    goals.push({
      name: `decode ${n} ${tc}`,
      issue: "#15",
      goal: 2,
      statistic: "median",
      unit: "ms",
      baseline: wasmRange,
      subject: {
        label: "MapReader.entries, every entry",
        sample: async () => {
          if (!built) await range();
          const { result: r, addr, type } = built!;
          const t = performance.now();
          const rd = new MapReader(r.memory!, r.toolchain, r.module);
          let k = 0;
          for (const _ of rd.entries(addr, { descriptor: type })) k++;
          const dt = performance.now() - t;
          if (k !== n) throw new Error(`decoded ${k} entries of ${n}`);
          return dt;
        },
      },
      samples: { short: 3, full: 2 },
      rounds: { short: 3, full: 3 },
      warmup: 3,
      sampling: "alternate",
    });
  }
  return goals;
}
