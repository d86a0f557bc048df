// Runs a wasm file under Node's own node:wasi and prints {stdout, stderr, exit, trap} as JSON
// (base64 streams). random_get is replaced by mapscope's deterministic generator (the same
// xorshift32 as lib/wasi/host.ts deterministicRandom, restated here because Node 20 cannot load
// TypeScript), so map seeds, and so the programs' output, match mapscope's deterministic runs.
import { WASI } from "node:wasi";
import { closeSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [file, ...args] = process.argv.slice(2);
const outPath = join(tmpdir(), `mapscope-nodewasi-${process.pid}-out`);
const errPath = join(tmpdir(), `mapscope-nodewasi-${process.pid}-err`);
const out = openSync(outPath, "w+");
const err = openSync(errPath, "w+");
const wasi = new WASI({ version: "preview1", args, env: {}, returnOnExit: true, stdout: out, stderr: err });
let s = (1 ^ 0x9e3779b9) >>> 0 || 1;
const state = {};
const imports = { ...wasi.wasiImport };
imports.random_get = (buf, len) => {
  const b = new Uint8Array(state.memory.buffer, buf, len);
  for (let i = 0; i < len; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    b[i] = s & 0xff;
  }
  return 0;
};
const mod = await WebAssembly.compile(readFileSync(file));
const inst = await WebAssembly.instantiate(mod, { wasi_snapshot_preview1: imports });
state.memory = inst.exports.memory;
let exit = null, trap = null;
try {
  exit = wasi.start(inst);
} catch (e) {
  trap = String(e.message);
}
closeSync(out);
closeSync(err);
const b64 = (p) => readFileSync(p).toString("base64");
process.stdout.write(JSON.stringify({ stdout: b64(outPath), stderr: b64(errPath), exit, trap }));
