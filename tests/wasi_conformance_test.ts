// Issue #14: conformance programs of our own (go-targets/c/wasi_*.c, built with clang-19 against
// wasi-libc) run under mapscope's WasiHost, node:wasi and browser_wasi_shim. Every check must pass
// under WasiHost; where the other two hosts differ is measured here, and the README's table must
// say exactly that.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { ConsoleStdout, Directory, File, OpenFile, PreopenDirectory, WASI } from "@bjorn3/browser_wasi_shim";
import { type MemoryDir, WasiHost } from "../lib/wasi/mod.ts";
import { repoPath } from "./_helpers.ts";

type Tree = { [name: string]: string | Tree };
/** The directory every conformance program finds preopened as /sandbox (fd 3). */
const TREE: Tree = { "hello.txt": "hello", dir: { "inner.txt": "inner" }, empty: {} };
const PROGRAMS = ["wasi_files", "wasi_links"];
const HOSTS = ["WasiHost", "node:wasi", "browser_wasi_shim"] as const;
type Host = typeof HOSTS[number];

/** A program's checks: name to "ok" or why it failed; a crash is one entry named "(the run)". */
function parseChecks(stdout: string, exit: number | null, trap: string | null): Map<string, string> {
  const checks = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const m = /^check (.+?) (ok|FAIL: (.*))$/.exec(line);
    if (m) checks.set(m[1]!, m[2] === "ok" ? "ok" : m[3]!);
  }
  if (trap !== null) checks.set("(the run)", `trapped: ${trap}`);
  else if (exit === null) checks.set("(the run)", "no exit status");
  return checks;
}

function wasm(name: string): Uint8Array {
  return readFileSync(repoPath(`go-targets/dist/clang-19-wasi/${name}.wasm`));
}

async function underWasiHost(name: string): Promise<Map<string, string>> {
  const host = new WasiHost({ args: [name], preopens: { "/sandbox": TREE as MemoryDir } });
  const { instance } = await WebAssembly.instantiate(
    wasm(name) as Uint8Array<ArrayBuffer>,
    host.imports as unknown as WebAssembly.Imports,
  );
  let exit: number | null = null, trap: string | null = null;
  try {
    exit = host.start(instance);
  } catch (e) {
    trap = String((e as Error).message);
  }
  return parseChecks(host.stdout().text, exit, trap);
}

function underNode(name: string): Map<string, string> {
  const r = spawnSync("node", [
    "--no-warnings",
    repoPath("tests/_nodewasi_files.mjs"),
    repoPath(`go-targets/dist/clang-19-wasi/${name}.wasm`),
    JSON.stringify(TREE),
  ], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { stdout: string; exit: number | null; trap: string | null };
  return parseChecks(j.stdout, j.exit, j.trap);
}

function shimDir(tree: Tree): Map<string, File | Directory> {
  return new Map(
    Object.entries(tree).map(([k, v]) => [
      k,
      typeof v === "string" ? new File(new TextEncoder().encode(v)) : new Directory(shimDir(v)),
    ]),
  );
}

async function underShim(name: string): Promise<Map<string, string>> {
  let stdout = "";
  const wasi = new WASI([name], [], [
    new OpenFile(new File([])),
    new ConsoleStdout((b: Uint8Array) => stdout += new TextDecoder().decode(b)),
    new ConsoleStdout(() => {}),
    new PreopenDirectory("/sandbox", shimDir(TREE)),
  ], { debug: false });
  let exit: number | null = null, trap: string | null = null;
  try {
    const { instance } = await WebAssembly.instantiate(wasm(name) as Uint8Array<ArrayBuffer>, {
      wasi_snapshot_preview1: wasi.wasiImport as WebAssembly.ModuleImports,
    });
    exit = wasi.start(instance as { exports: { memory: WebAssembly.Memory; _start: () => unknown } });
  } catch (e) {
    trap = e instanceof Error ? e.message : String(e);
  }
  return parseChecks(stdout, exit, trap);
}

const results = new Map<string, Record<Host, Map<string, string>>>();
for (const p of PROGRAMS) {
  results.set(p, {
    WasiHost: await underWasiHost(p),
    "node:wasi": underNode(p),
    browser_wasi_shim: await underShim(p),
  });
}

for (const p of PROGRAMS) {
  const ours = results.get(p)!.WasiHost;
  test(`${p}: the program ran every check its source names, in order, under WasiHost`, () => {
    const source = readFileSync(repoPath(`go-targets/c/${p}.c`), "utf8");
    const named = [...source.matchAll(/result\("([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(named.length >= 15, `${p}.c names only ${named.length} checks`);
    assert.deepEqual([...ours.keys()], named);
  });
  for (const [check, outcome] of ours) {
    test(`${p} under WasiHost: ${check}`, () => assert.equal(outcome, "ok"));
  }
}

/** A Markdown table's cells, row by row, whatever its column padding (deno fmt aligns them). */
function cells(table: string): string[][] {
  return table.trim().split("\n").map((row) =>
    row.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map((c) => c.trim().replace(/^-+$/, "---"))
  );
}

/** The README table: one row per check where some host does not pass. */
function differences(): string {
  const rows = [
    "| program: check | mapscope `WasiHost` | node:wasi (Node 20) | browser_wasi_shim 0.4.2 |",
    "|---|---|---|---|",
  ];
  for (const p of PROGRAMS) {
    const r = results.get(p)!;
    const names = new Set(HOSTS.flatMap((h) => [...r[h].keys()]));
    for (const n of names) {
      const cells = HOSTS.map((h) => r[h].get(n) ?? "not reached");
      if (cells.every((c) => c === "ok")) continue;
      rows.push(`| ${p}: ${n} | ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`);
    }
  }
  return rows.join("\n");
}

test("README: the table of where node:wasi and browser_wasi_shim differ is what they do here", () => {
  // node:wasi runs in the `node` on PATH (not the runtime running this test)
  const version = spawnSync("node", ["--version"], { encoding: "utf8" }).stdout.trim();
  if (!version.startsWith("v20.")) assert.fail(`the README's table is for Node 20; node is ${version}`);
  const readme = readFileSync(repoPath("README.md"), "utf8");
  const m = /<!-- wasi-conformance:start -->\n([\s\S]*?)<!-- wasi-conformance:end -->/.exec(readme);
  assert.ok(m, "README.md has no wasi-conformance table");
  assert.deepEqual(cells(m[1]!), cells(differences()), "update the README's table to:\n" + differences());
});

test("file_churn (the host benchmark's file-heavy program) writes, reads, renames, lists and removes 1,000 files", async () => {
  const host = new WasiHost({ args: ["churn"], preopens: { "/sandbox": {} } });
  const { instance } = await WebAssembly.instantiate(
    wasm("file_churn") as Uint8Array<ArrayBuffer>,
    host.imports as unknown as WebAssembly.Imports,
  );
  assert.equal(host.start(instance), 0, host.stderr().text);
  assert.equal(host.stdout().text, "files 1000 bytes 1024000\n");
});
