// A child process of the memory goal: runs a module either under the bare WasiHost ("plain") or
// through the whole `mapscope run --json` command ("mapscope", output discarded), then prints
// one JSON line on stderr: peak resident memory (VmHWM) and the guest's linear memory, in bytes.
// Usage: deno run -A bench/_peak_rss.ts plain|mapscope prog.wasm [args...]
import { readFileSync } from "node:fs";
import process from "node:process";
import { cliMain } from "../cli.ts";
import { WasiHost } from "../lib/wasi/mod.ts";

function peak(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  if (!m) throw new Error("no VmHWM in /proc/self/status");
  return Number(m[1]) * 1024;
}

const [mode, file, ...args] = Deno.args;
let guest = 0;
if (mode === "plain") {
  const host = new WasiHost({ args: ["prog", ...args], onStdout: () => {}, onStderr: () => {} });
  const { instance } = await WebAssembly.instantiate(
    readFileSync(file!),
    { ...host.imports, probe: new Proxy({}, { get: () => () => 0 }) } as unknown as WebAssembly.Imports,
  );
  try {
    host.start(instance);
  } catch { /* a trap ends the run; memory is what is measured */ }
  guest = (instance.exports.memory as WebAssembly.Memory).buffer.byteLength;
} else {
  const code = await cliMain(["run", file!, "--json", "--deterministic", "--", ...args], {
    out: (t) => void process.stdout.write(t),
    err: () => {},
    readFile: (p) => Promise.resolve(new Uint8Array(readFileSync(p))),
    writeFile: () => Promise.resolve(),
  });
  if (code === 2) throw new Error("mapscope failed");
}
console.error(JSON.stringify({ peak: peak(), guest }));
