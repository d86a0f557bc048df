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
import { readFile } from "node:fs/promises";
import process from "node:process";
import { cliMain } from "./lib/cli.ts";

export { CLI_EXIT, type CliIo, cliMain, USAGE } from "./lib/cli.ts";

if (import.meta.main) {
  const status = await cliMain(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readFile: async (p) => new Uint8Array(await readFile(p)),
  });
  process.exitCode = status;
}
