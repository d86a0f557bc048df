/**
 * The `mapscope` command: `deno run --allow-read jsr:@mapscope/mapscope/cli run prog.wasm`.
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

if (import.meta.main) {
  const status = await cliMain(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readFile: async (p) => new Uint8Array(await readFile(p)),
  });
  process.exitCode = status;
}
