// A side of the "file churn" goal: Node runs the file-heavy program under node:wasi with a fresh
// temporary directory preopened as /sandbox, and prints the time of the run alone (instantiate
// and _start, in ms) as JSON; exits 1 if the program failed.
// Usage: node bench/_node_wasi_churn.mjs file_churn.wasm
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI } from "node:wasi";

const mod = await WebAssembly.compile(readFileSync(process.argv[2]));
const dir = mkdtempSync(join(tmpdir(), "mapscope-churn-"));
const t = performance.now();
const wasi = new WASI({
  version: "preview1",
  args: ["churn"],
  env: {},
  preopens: { "/sandbox": dir },
  returnOnExit: true,
});
const instance = await WebAssembly.instantiate(mod, { wasi_snapshot_preview1: wasi.wasiImport });
const code = wasi.start(instance);
const ms = performance.now() - t;
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ ms, code }));
process.exit(code === 0 ? 0 : 1);
