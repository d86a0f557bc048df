// The baseline process of the "mapscope run process" goal: Node runs a module under node:wasi
// and nothing else, exiting 1 when the guest panics or traps.
// Usage: node bench/_node_wasi_run.mjs prog.wasm [args...]
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: "preview1", args, env: {}, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(file), {
  wasi_snapshot_preview1: wasi.wasiImport,
});
let code;
try {
  code = wasi.start(instance);
} catch {
  code = 1;
}
process.exit(code === 0 ? 0 : 1);
