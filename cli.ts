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
import { readFile, stat, writeFile } from "node:fs/promises";
import process from "node:process";
import { cliMain } from "./lib/cli.ts";

export { CLI_EXIT, type CliIo, cliMain, USAGE } from "./lib/cli.ts";

/** The largest module the command reads (1 GiB); larger inputs are refused before reading. */
const MAX_MODULE_BYTES = 1 << 30;

/** Reads a module file: refuses what is not a regular file, or is larger than 1 GiB, before reading. */
async function readModule(path: string): Promise<Uint8Array> {
  const s = await stat(path);
  if (!s.isFile()) throw new Error("not a regular file");
  if (s.size > MAX_MODULE_BYTES) {
    throw new Error(`${s.size} bytes is more than the ${MAX_MODULE_BYTES}-byte limit`);
  }
  return new Uint8Array(await readFile(path));
}

if (import.meta.main) {
  const status = await cliMain(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readFile: readModule,
    writeFile: (path, text) => writeFile(path, text),
  });
  // Exit now: a guest stopped by a Worker fallback may still hold a thread.
  process.exit(status);
}
