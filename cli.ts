/**
 * The `mapscope` command: `deno run --allow-read jsr:@mapscope/mapscope/cli run prog.wasm`.
 * Imported, it gives the CLI as a function ({@linkcode cliMain}) with injectable I/O.
 *
 * @example
 * ```sh
 * deno task mapscope run go-targets/dist/tinygo-0.41.0/panics.wasm --deterministic -- explicit
 * ```
 *
 * @module
 */
import { type CliIo, cliMain } from "./lib/cli.ts";

export { CLI_EXIT, type CliIo, cliMain, USAGE } from "./lib/cli.ts";

/** The largest module the command reads (1 GiB); larger inputs are refused before reading. */
const MAX_MODULE_BYTES = 1 << 30;

/** Refuses what is not a regular file, or is larger than 1 GiB, before it is read. */
function checkModuleFile(s: { isFile: boolean; size: number }): void {
  if (!s.isFile) throw new Error("not a regular file");
  if (s.size > MAX_MODULE_BYTES) {
    throw new Error(`${s.size} bytes is more than the ${MAX_MODULE_BYTES}-byte limit`);
  }
}

/**
 * The process's I/O, its arguments and its exit: Deno's own API under Deno (loading Deno's
 * node: modules costs a process about 50 ms, #8), node:fs and node:process elsewhere.
 */
async function processIo(): Promise<{ args: string[]; io: CliIo; exit: (status: number) => never }> {
  if (typeof Deno !== "undefined") {
    const enc = new TextEncoder();
    const writeAll = (w: { writeSync(p: Uint8Array): number }, t: string) => {
      for (let b = enc.encode(t); b.length > 0;) b = b.subarray(w.writeSync(b));
    };
    return {
      args: Deno.args,
      io: {
        out: (t) => writeAll(Deno.stdout, t),
        err: (t) => writeAll(Deno.stderr, t),
        readFile: async (path) => {
          const s = await Deno.stat(path);
          checkModuleFile({ isFile: s.isFile, size: s.size });
          return await Deno.readFile(path);
        },
        writeFile: (path, text) => Deno.writeTextFile(path, text),
      },
      exit: (status) => Deno.exit(status),
    };
  }
  const { readFile, stat, writeFile } = await import("node:fs/promises");
  const { default: process } = await import("node:process");
  return {
    args: process.argv.slice(2),
    io: {
      out: (t) => void process.stdout.write(t),
      err: (t) => void process.stderr.write(t),
      readFile: async (path) => {
        const s = await stat(path);
        checkModuleFile({ isFile: s.isFile(), size: s.size });
        return new Uint8Array(await readFile(path));
      },
      writeFile: (path, text) => writeFile(path, text),
    },
    exit: (status) => process.exit(status),
  };
}

if (import.meta.main) {
  const { args, io, exit } = await processIo();
  const status = await cliMain(args, io);
  // Exit now: a guest stopped by a Worker fallback may still hold a thread.
  exit(status);
}
