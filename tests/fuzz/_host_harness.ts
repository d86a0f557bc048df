// Fuzzers over the other two ways in: every WASI import called with random arguments (valid
// pointers, boundaries, values at and above 2 GiB, huge lengths; i64 parameters as bigints, as
// wasm passes them), and the CLI given random argument lists. A WASI call must answer an errno
// (or end the guest with ExitSignal); the CLI must return one of its exit codes. Anything thrown
// is an untyped failure.
import { cliMain } from "../../cli.ts";
import { Errno, ExitSignal, WASI_PREVIEW1_FUNCTIONS, WasiHost } from "../../lib/wasi/mod.ts";
import { brief, Rng } from "./_rng.ts";
import { repoPath } from "../_helpers.ts";
import { WITX_PARAMS } from "../_witx.ts";

/** What a host fuzz run found. */
export interface HostFuzzStats {
  cases: number;
  /** Calls answered with an errno other than SUCCESS (or a CLI exit code other than 0). */
  refused: number;
  untyped: { seq: number; what: string; error: string }[];
  maxMs: number;
  /** The slowest case. */
  slowest: string;
}

/** An i32 as wasm passes it: signed, so values at and above 2 GiB arrive negative. */
function i32(rng: Rng, memSize: number): number {
  switch (rng.int(8)) {
    case 0:
      return rng.int(8); // a small number: an fd, a flag, a count
    case 1:
      return rng.int(memSize); // a pointer inside memory
    case 2:
      return memSize - rng.int(64); // a pointer at the end
    case 3:
      return rng.pick([0, 1, 2, 3, 4, 5, memSize, memSize - 1, 0x7fffffff, -1, -0x80000000, 4096]);
    case 4:
      return 3 + rng.int(4); // a preopen or an opened fd
    case 5:
      return rng.u32() | 0; // anything, signed
    default:
      return rng.int(1024); // a small pointer or length
  }
}

function i64(rng: Rng): bigint {
  return rng.pick([0n, 1n, 100n, 1n << 31n, (1n << 63n) - 1n, -1n, -(1n << 63n), BigInt(rng.u32())]);
}

/** Each case: a fresh host over a tree, a memory with paths and iovecs, and one random call. */
export function fuzzWasiImports(cases: number, seed: number, pages = 2): HostFuzzStats {
  const rng = new Rng(seed);
  const stats: HostFuzzStats = { cases: 0, refused: 0, untyped: [], maxMs: 0, slowest: "" };
  const memory = new WebAssembly.Memory({ initial: pages });
  const bytes = new Uint8Array(memory.buffer);
  const names = WASI_PREVIEW1_FUNCTIONS;
  for (let seq = 0; seq < cases; seq++) {
    // guest memory with plausible contents: path text, iovecs pointing around, random bytes
    for (let i = 0; i < 256; i++) bytes[rng.int(bytes.length)] = rng.int(256);
    bytes.set(new TextEncoder().encode(rng.pick(["a.txt", "d/b.txt", "../x", "/etc", "d/", "l", "."])), 64);
    const host = new WasiHost({
      deterministic: true,
      args: ["fuzz", "x"],
      env: { K: "v" },
      stdin: "input",
      preopens: { "/w": { "a.txt": "hello", d: { "b.txt": "b" } } },
    });
    host.bind(memory);
    const name = rng.pick(names);
    const f = host.imports.wasi_snapshot_preview1[name]!;
    // a few calls first (their answers unchecked but for throws), so that opened descriptors
    // and links exist
    const calls = Array.from({ length: 1 + rng.int(3) }, () => argsFor(name, rng, bytes.length));
    const what = calls.map((args) => `${name}(${args.map(String).join(", ")})`).join("; ");
    const t0 = performance.now();
    try {
      let r: number | void = 0;
      for (const args of calls) r = f(...args);
      if (typeof r !== "number" || r < 0 || r > 76 || !Number.isInteger(r)) {
        stats.untyped.push({ seq, what, error: `returned ${String(r)}, not an errno` });
      } else if (r !== Errno.SUCCESS) stats.refused++;
    } catch (e) {
      if (!(e instanceof ExitSignal)) {
        stats.untyped.push({
          seq,
          what,
          error: brief(e),
        });
      }
    }
    const ms = performance.now() - t0;
    if (ms > stats.maxMs) (stats.maxMs = ms, stats.slowest = what);
    stats.cases++;
  }
  return stats;
}

function argsFor(name: string, rng: Rng, memSize: number): (number | bigint)[] {
  return [...WITX_PARAMS[name]!].map((t) => (t === "I" ? i64(rng) : i32(rng, memSize)));
}

const FLAGS = [
  "--json",
  "--deterministic",
  "--seed",
  "--map",
  "--toolchain",
  "--force-toolchain",
  "--max-entries",
  "--timeout",
  "--env",
  "--hooks",
  "--no-hooks",
  "--all-maps",
  "--html",
  "--",
  "-x",
  "",
];
const VALUES = [
  "1",
  "0",
  "-1",
  "1e12",
  "NaN",
  "0x10",
  "abc",
  "",
  "K=V",
  "=",
  "0x31390=map[string]int",
  "0x0=map[int]int",
  "0xffffffff=map[string]struct{}",
  "garbage=map[",
  "tinygo-0.41.0",
  "go1.26.8",
  "go1.27.3-mapsplitgroup",
  "go9.9.9",
  "/dev/null/x.html",
  "explicit",
  "many",
  "index",
];
const MODULES = [
  "go-targets/dist/tinygo-0.41.0/hello.wasm",
  "go-targets/dist/go1.26.8/panics.wasm",
  "go-targets/dist/clang-19-wasi/hello.wasm",
  "go-targets/dist",
  "/dev/null",
  "no/such/file.wasm",
  "README.md",
];

/** Random command lines through cliMain: every one ends with an exit code 0-4, and never throws. */
export async function fuzzCli(cases: number, seed: number): Promise<HostFuzzStats> {
  const rng = new Rng(seed);
  const stats: HostFuzzStats = { cases: 0, refused: 0, untyped: [], maxMs: 0, slowest: "" };
  for (let seq = 0; seq < cases; seq++) {
    const argv: string[] = rng.int(10) ? ["run"] : [rng.pick(["", "help", "--help", "runn"])];
    if (rng.int(8)) argv.push(repoPath(rng.pick(MODULES)));
    for (let n = rng.int(6); n > 0; n--) {
      argv.push(rng.pick(FLAGS));
      if (rng.int(3)) argv.push(rng.pick(VALUES));
    }
    if (!argv.includes("--timeout") && !argv.includes("--")) argv.push("--timeout", "5000");
    const what = argv.map((a) => a.replace(repoPath(""), "")).join(" ");
    const t0 = performance.now();
    try {
      const code = await cliMain(argv, {
        out: () => {},
        err: () => {},
        readFile: (p) => Deno.readFile(p),
        writeFile: () => Promise.resolve(),
      });
      if (![0, 1, 2, 3, 4].includes(code)) stats.untyped.push({ seq, what, error: `exit code ${code}` });
      else if (code !== 0) stats.refused++;
    } catch (e) {
      stats.untyped.push({
        seq,
        what,
        error: brief(e),
      });
    }
    const ms = performance.now() - t0;
    if (ms > stats.maxMs) (stats.maxMs = ms, stats.slowest = what);
    stats.cases++;
  }
  return stats;
}
