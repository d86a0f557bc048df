// Runs a WASI conformance program under Node's own node:wasi with a fresh copy of a directory tree
// preopened as /sandbox (fd 3), and prints {stdout, exit, trap} as JSON (stdout as text).
// Usage: node tests/_nodewasi_files.mjs prog.wasm '{"hello.txt":"hello","dir":{...}}'
import { WASI } from "node:wasi";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [file, treeJson] = process.argv.slice(2);
const root = mkdtempSync(join(tmpdir(), "mapscope-conformance-"));
const sandbox = join(root, "sandbox");
function make(dir, tree) {
  mkdirSync(dir);
  for (const [name, v] of Object.entries(tree)) {
    if (typeof v === "string") writeFileSync(join(dir, name), v);
    else make(join(dir, name), v);
  }
}
make(sandbox, JSON.parse(treeJson));
const outPath = join(root, "stdout");
const out = openSync(outPath, "w+");
const wasi = new WASI({
  version: "preview1",
  args: ["conformance"],
  env: {},
  preopens: { "/sandbox": sandbox },
  returnOnExit: true,
  stdout: out,
});
let exit = null, trap = null;
try {
  const { instance } = await WebAssembly.instantiate(readFileSync(file), {
    wasi_snapshot_preview1: wasi.wasiImport,
  });
  exit = wasi.start(instance);
} catch (e) {
  trap = String(e?.message ?? e);
}
closeSync(out);
const stdout = readFileSync(outPath, "utf8");
rmSync(root, { recursive: true, force: true });
console.log(JSON.stringify({ stdout, exit, trap }));
