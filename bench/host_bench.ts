// Issue #4: instantiate + run `hello` with mapscope's WASI host against browser_wasi_shim and
// node:wasi in the same run, and one fd_write round trip. Run: deno task bench
import { openSync } from "node:fs";
import { WASI as NodeWASI } from "node:wasi";
import { ConsoleStdout, File, OpenFile, WASI as ShimWASI } from "@bjorn3/browser_wasi_shim";
import { WasiHost } from "../mod.ts";
import { execute, prepareModule } from "../lib/run/mod.ts";

const path = (tc: string) => new URL(`../go-targets/dist/${tc}/hello.wasm`, import.meta.url);
const devnull = openSync("/dev/null", "w");

for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
  const bytes = await Deno.readFile(path(tc));
  const compiled = await WebAssembly.compile(bytes);
  const { info, toolchain } = prepareModule(bytes);
  const group = `hello ${tc}`;
  // Whichever case of a group runs first pays a warm-up cost in deno bench, so mapscope runs last.
  Deno.bench(`browser_wasi_shim ${tc}`, { group }, async () => {
    const wasi = new ShimWASI(["hello"], [], [
      new OpenFile(new File([])),
      new ConsoleStdout(() => {}),
      new ConsoleStdout(() => {}),
    ], { debug: false });
    const inst = await WebAssembly.instantiate(compiled, { wasi_snapshot_preview1: wasi.wasiImport });
    wasi.start(inst as { exports: { memory: WebAssembly.Memory; _start: () => unknown } });
  });
  Deno.bench(`node:wasi ${tc}`, { group }, async () => {
    const wasi = new NodeWASI({
      version: "preview1",
      args: ["hello"],
      env: {},
      returnOnExit: true,
      stdout: devnull,
      stderr: devnull,
    });
    const inst = await WebAssembly.instantiate(
      compiled,
      { wasi_snapshot_preview1: wasi.wasiImport } as WebAssembly.Imports,
    );
    wasi.start(inst);
  });
  Deno.bench(`mapscope run() ${tc} (host + probe + map snapshots)`, { group }, async () => {
    await execute(compiled, info, toolchain, { args: ["hello"] });
  });
  Deno.bench(`mapscope WasiHost ${tc}`, { group, baseline: true }, async () => {
    const host = new WasiHost({ args: ["hello"] });
    const inst = await WebAssembly.instantiate(compiled, host.imports as unknown as WebAssembly.Imports);
    host.start(inst);
  });
}

{
  const memory = new WebAssembly.Memory({ initial: 1 });
  const dv = new DataView(memory.buffer);
  new Uint8Array(memory.buffer).set(new TextEncoder().encode("hello, world\n"), 1024);
  dv.setUint32(0, 1024, true);
  dv.setUint32(4, 13, true);
  const host = new WasiHost({ onStdout: () => {} });
  host.bind(memory);
  const write = host.imports.wasi_snapshot_preview1.fd_write;
  const shim = new ShimWASI([], [], [
    new OpenFile(new File([])),
    new ConsoleStdout(() => {}),
    new ConsoleStdout(() => {}),
  ], {
    debug: false,
  });
  (shim as unknown as { inst: unknown }).inst = { exports: { memory } };
  const shimWrite = shim.wasiImport.fd_write as (fd: number, iovs: number, n: number, out: number) => number;
  Deno.bench("fd_write browser_wasi_shim", { group: "fd_write" }, () => {
    shimWrite(1, 0, 1, 64);
  });
  Deno.bench("fd_write mapscope", { group: "fd_write", baseline: true }, () => {
    write(1, 0, 1, 64);
  });
}
