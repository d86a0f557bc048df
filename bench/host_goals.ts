/**
 * WASI host goals: instantiate + run `hello` under mapscope's host against browser_wasi_shim and
 * node:wasi (#4: ≤ 1.0x), a file-heavy program (1,000 files written, read, renamed, listed and
 * removed) against both (#14: ≤ 1.0x), one `fd_write` round trip against the shim's (#15: ≤ 1.0x), and the
 * whole `mapscope run` process (Deno) on a panicking program against Node merely running it
 * under node:wasi (#8: ≤ 1.0x).
 *
 * @module
 */
import { openSync } from "node:fs";
import { WASI as NodeWASI } from "node:wasi";
import { ConsoleStdout, File, OpenFile, PreopenDirectory, WASI as ShimWASI } from "@bjorn3/browser_wasi_shim";
import { WasiHost } from "../mod.ts";
import { type Goal, type Profile, timeBatch } from "./_harness.ts";

const devnull = openSync("/dev/null", "w");
const shimFds = () => [new OpenFile(new File([])), new ConsoleStdout(() => {}), new ConsoleStdout(() => {})];

async function timeAsync(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** Wall time of one child process, in ms. */
async function timeProcess(command: string, args: string[]): Promise<number> {
  const t = performance.now();
  const out = await new Deno.Command(command, { args, stdout: "null", stderr: "null" }).output();
  const dt = performance.now() - t;
  if (out.code !== 1) throw new Error(`${args.join(" ")}: exit ${out.code}, expected 1 (the guest panics)`);
  return dt;
}

/**
 * Samples of each side run before a `hello` goal's rounds. Deno's node:wasi (JavaScript glue over
 * native ops) takes about 700 runs of `hello` to reach its steady speed (TinyGo: 860 -> 750 µs
 * per run), which mapscope's host, already warm from earlier goals, does not; with 50, the first
 * rounds measured node:wasi still warming (0.93x-0.97x) and the later ones at its speed
 * (0.98x-1.03x), a trend inside every goal (#15).
 */
const HELLO_WARMUP = 1000;

/** The host goals of one profile. */
export async function hostGoals(_profile: Profile): Promise<Goal[]> {
  const goals: Goal[] = [];
  for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
    const compiled = await WebAssembly.compile(
      await Deno.readFile(new URL(`../go-targets/dist/${tc}/hello.wasm`, import.meta.url)),
    );
    const mapscope = {
      label: "WasiHost",
      sample: () =>
        timeAsync(async () => {
          const host = new WasiHost({ args: ["hello"] });
          const inst = await WebAssembly.instantiate(
            compiled,
            host.imports as unknown as WebAssembly.Imports,
          );
          host.start(inst);
        }),
    };
    goals.push({
      name: `hello vs browser_wasi_shim ${tc}`,
      issue: "#4",
      goal: 1,
      statistic: "median",
      unit: "ms",
      baseline: {
        label: "browser_wasi_shim",
        sample: () =>
          timeAsync(async () => {
            const wasi = new ShimWASI(["hello"], [], shimFds(), { debug: false });
            const inst = await WebAssembly.instantiate(compiled, { wasi_snapshot_preview1: wasi.wasiImport });
            wasi.start(inst as { exports: { memory: WebAssembly.Memory; _start: () => unknown } });
          }),
      },
      subject: mapscope,
      // the sides differ by about 1% (a host's own work is 10-40 µs of a 0.7-5 ms run): many
      // alternating samples, so a round's median is not moved by a few slow ones
      samples: { short: 60, full: 200 },
      rounds: { short: 3, full: 7 },
      warmup: HELLO_WARMUP,
      sampling: "alternate",
    });
    goals.push({
      name: `hello vs node:wasi ${tc}`,
      issue: "#4",
      goal: 1,
      statistic: "median",
      unit: "ms",
      baseline: {
        label: "node:wasi",
        sample: () =>
          timeAsync(async () => {
            const wasi = new NodeWASI({
              version: "preview1",
              args: ["hello"],
              env: {},
              returnOnExit: true,
              stdout: devnull,
              stderr: devnull,
            });
            const inst = await WebAssembly.instantiate(
              compiled,
              { wasi_snapshot_preview1: wasi.wasiImport } as WebAssembly.Imports,
            );
            wasi.start(inst);
          }),
      },
      subject: mapscope,
      // the sides differ by about 1% (a host's own work is 10-40 µs of a 0.7-5 ms run): many
      // alternating samples, so a round's median is not moved by a few slow ones
      samples: { short: 60, full: 200 },
      rounds: { short: 3, full: 7 },
      warmup: HELLO_WARMUP,
      sampling: "alternate",
    });
  }
  {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const dv = new DataView(memory.buffer);
    new Uint8Array(memory.buffer).set(new TextEncoder().encode("hello, world\n"), 1024);
    dv.setUint32(0, 1024, true);
    dv.setUint32(4, 13, true);
    const host = new WasiHost({ onStdout: () => {} });
    host.bind(memory);
    const write = host.imports.wasi_snapshot_preview1.fd_write!;
    const shim = new ShimWASI([], [], shimFds(), { debug: false });
    (shim as unknown as { inst: unknown }).inst = { exports: { memory } };
    const shimWrite = shim.wasiImport.fd_write as (
      fd: number,
      iovs: number,
      n: number,
      out: number,
    ) => number;
    goals.push({
      name: "fd_write",
      issue: "#15",
      goal: 1,
      statistic: "median",
      unit: "µs",
      baseline: { label: "browser_wasi_shim", sample: () => timeBatch(() => shimWrite(1, 0, 1, 64), 1000) },
      subject: { label: "WasiHost", sample: () => timeBatch(() => write(1, 0, 1, 64), 1000) },
      samples: { short: 50, full: 200 },
      rounds: { short: 5, full: 9 },
    });
  }
  {
    // the file-heavy program: 1,000 files written, read, renamed, listed and removed
    const path = new URL("../go-targets/dist/clang-19-wasi/file_churn.wasm", import.meta.url).pathname;
    const churn = await WebAssembly.compile(await Deno.readFile(path));
    const mapscope = {
      label: "WasiHost (in memory)",
      sample: () =>
        timeAsync(async () => {
          const host = new WasiHost({ args: ["churn"], preopens: { "/sandbox": {} } });
          const inst = await WebAssembly.instantiate(churn, host.imports as unknown as WebAssembly.Imports);
          if (host.start(inst) !== 0) throw new Error("file_churn failed under WasiHost");
        }),
    };
    goals.push({
      name: "file churn vs browser_wasi_shim",
      issue: "#14",
      goal: 1,
      statistic: "median",
      unit: "ms",
      baseline: {
        label: "browser_wasi_shim (in memory)",
        sample: () =>
          timeAsync(async () => {
            const wasi = new ShimWASI(["churn"], [], [
              ...shimFds(),
              new PreopenDirectory("/sandbox", new Map()),
            ], {
              debug: false,
            });
            const inst = await WebAssembly.instantiate(churn, { wasi_snapshot_preview1: wasi.wasiImport });
            const code = wasi.start(
              inst as { exports: { memory: WebAssembly.Memory; _start: () => unknown } },
            );
            if (code !== 0) throw new Error("file_churn failed under browser_wasi_shim");
          }),
      },
      subject: mapscope,
      samples: { short: 3, full: 10 },
      rounds: { short: 3, full: 5 },
      sampling: "alternate",
    });
    const nodeChurn = new URL("./_node_wasi_churn.mjs", import.meta.url).pathname;
    goals.push({
      name: "file churn vs node:wasi",
      issue: "#14",
      goal: 1,
      statistic: "median",
      unit: "ms",
      baseline: {
        label: "node:wasi (a temporary directory)",
        sample: async () => {
          const out = await new Deno.Command("node", {
            args: ["--no-warnings", nodeChurn, path],
            stdout: "piped",
          })
            .output();
          if (!out.success) throw new Error("file_churn failed under node:wasi");
          const last = new TextDecoder().decode(out.stdout).trim().split("\n").pop()!;
          return (JSON.parse(last) as { ms: number }).ms;
        },
      },
      subject: mapscope,
      samples: { short: 2, full: 5 },
      rounds: { short: 2, full: 3 },
      sampling: "alternate",
    });
  }
  for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
    const wasm = new URL(`../go-targets/dist/${tc}/panics.wasm`, import.meta.url).pathname;
    const cli = new URL("../cli.ts", import.meta.url).pathname;
    const nodeRun = new URL("./_node_wasi_run.mjs", import.meta.url).pathname;
    goals.push({
      name: `mapscope run process ${tc}`,
      issue: "#8",
      goal: 1,
      statistic: "median",
      unit: "ms",
      baseline: {
        label: "node running it under node:wasi",
        sample: () => timeProcess("node", ["--no-warnings", nodeRun, wasm, "panics", "explicit"]),
      },
      subject: {
        label: "mapscope run",
        sample: () =>
          timeProcess(Deno.execPath(), [
            "run",
            "--allow-read",
            "--allow-env",
            cli,
            "run",
            wasm,
            "--deterministic",
            "--",
            "explicit",
          ]),
      },
      samples: { short: 3, full: 10 },
      rounds: { short: 2, full: 3 },
      sampling: "alternate",
    });
  }
  return goals;
}
