/**
 * Runs the public WebAssembly WASI test suite's prebuilt wasm32-wasip1 tests under mapscope's
 * `WasiHost` and counts what passes. The suite is not part of this repository (its tests are
 * reference only); point the script at a checkout of its prebuilt tests:
 *
 *     deno run --allow-read scripts/wasi-testsuite.ts /path/to/wasi-testsuite/tests [--verbose]
 *
 * Each test's directory (`root` in its JSON) is copied into memory and preopened as `/`, as the
 * suite's own adapters do; a test passes when its exit code (0 unless the JSON says otherwise) and,
 * where given, its stdout are as expected.
 *
 * @module
 */
import { join } from "node:path";
import { ExitSignal } from "../lib/wasi/proc.ts";
import { type MemoryDir, WasiHost } from "../lib/wasi/mod.ts";

interface Spec {
  args?: string[];
  env?: Record<string, string>;
  root?: string;
  exit_code?: number;
  stdout?: string;
}

async function readTree(dir: string): Promise<MemoryDir> {
  const tree: MemoryDir = {};
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isFile) tree[e.name] = await Deno.readFile(p);
    else if (e.isDirectory) tree[e.name] = await readTree(p);
  }
  return tree;
}

async function runOne(wasm: string, spec: Spec, dir: string): Promise<string | undefined> {
  const preopens = spec.root ? { "/": await readTree(join(dir, spec.root)) } : undefined;
  const host = new WasiHost({
    args: [wasm.split("/").pop()!, ...(spec.args ?? [])],
    env: spec.env ?? {},
    ...(preopens ? { preopens } : {}),
  });
  let exit: number;
  try {
    const { instance } = await WebAssembly.instantiate(
      await Deno.readFile(wasm),
      host.imports as unknown as WebAssembly.Imports,
    );
    exit = host.start(instance);
  } catch (e) {
    if (e instanceof ExitSignal) exit = e.code;
    else return `trapped: ${(e as Error).message}; stderr: ${host.stderr().text.trim().slice(0, 300)}`;
  }
  const want = spec.exit_code ?? 0;
  if (exit !== want) return `exit ${exit}, want ${want}; stderr: ${host.stderr().text.trim().slice(0, 200)}`;
  if (spec.stdout !== undefined && host.stdout().text !== spec.stdout) {
    return `stdout ${JSON.stringify(host.stdout().text)}, want ${JSON.stringify(spec.stdout)}`;
  }
  return undefined;
}

const [suite, ...flags] = Deno.args;
if (!suite) {
  console.error("usage: deno run --allow-read scripts/wasi-testsuite.ts /path/to/wasi-testsuite/tests");
  Deno.exit(2);
}
let passed = 0, failed = 0;
const failures: string[] = [];
for (const lang of ["assemblyscript", "c", "rust"]) {
  const dir = join(suite, lang, "testsuite", "wasm32-wasip1");
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".wasm")) names.push(e.name);
  for (const name of names.sort()) {
    const base = name.slice(0, -5);
    let spec: Spec = {};
    try {
      spec = JSON.parse(await Deno.readTextFile(join(dir, `${base}.json`)));
    } catch { /* no JSON: no arguments, exit 0 */ }
    const why = await runOne(join(dir, name), spec, dir);
    if (why === undefined) passed++;
    else {
      failed++;
      failures.push(`${lang}/${base}: ${why}`);
    }
    if (flags.includes("--verbose")) console.log(`${why === undefined ? "ok  " : "FAIL"} ${lang}/${base}`);
  }
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`${passed} of ${passed + failed} wasm32-wasip1 tests pass under WasiHost`);
