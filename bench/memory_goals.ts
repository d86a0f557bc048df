/**
 * The memory goal (#15): peak memory of `mapscope run --json` on a program with a 1M-entry map.
 * The host's overhead is the peak resident memory of the `mapscope run --json` process minus that
 * of a process that runs the same program under the bare WASI host (the runtime and the guest's
 * own memory are in both); the goal is an overhead of at most 2x the guest's linear memory.
 *
 * Only Go builds: TinyGo's own printing of a 1M-entry map (the target's view, which sorts every
 * entry as a string) runs for minutes under TinyGo's garbage collector, which measures TinyGo, not
 * mapscope.
 *
 * @module
 */
import type { Goal, Profile } from "./_harness.ts";

const MIB = 1 << 20;

async function child(mode: "plain" | "mapscope", wasm: string, n: number) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./_peak_rss.ts", import.meta.url).pathname,
      mode,
      wasm,
      String(n),
      "bulk",
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stderr).trim().split("\n").pop() ?? "";
  if (!out.success) throw new Error(`_peak_rss ${mode}: exit ${out.code}: ${text}`);
  return JSON.parse(text) as { peak: number; guest: number };
}

/**
 * The memory goal: 1M entries in both profiles (the short one measures once). Fixed costs (the
 * runtime, compiled code) weigh more at smaller sizes, so a smaller map would not measure the goal.
 */
export function memoryGoals(_profile: Profile): Promise<Goal[]> {
  const n = 1_000_000;
  const goals: Goal[] = [];
  for (const tc of ["go1.26.8"]) {
    const wasm = new URL(`../go-targets/dist/${tc}/growth.wasm`, import.meta.url).pathname;
    let plain = { peak: 0, guest: 0 };
    goals.push({
      name: `run --json memory, ${n} entries ${tc}`,
      issue: "#15",
      goal: 2,
      statistic: "median",
      unit: "MiB",
      baseline: {
        label: "guest linear memory",
        sample: async () => {
          plain = await child("plain", wasm, n);
          return plain.guest / MIB;
        },
      },
      subject: {
        label: "host overhead (peak RSS over a bare-host run)",
        sample: async () => {
          if (plain.peak === 0) plain = await child("plain", wasm, n);
          return ((await child("mapscope", wasm, n)).peak - plain.peak) / MIB;
        },
      },
      samples: { short: 1, full: 2 },
      rounds: { short: 1, full: 2 },
      warmup: 0,
    });
  }
  return Promise.resolve(goals);
}
