// Issue #12: any wasip1 module runs. A C program (wasi-libc, no Go runtime) runs under run() and
// `mapscope run` as a plain WASI program: exit, trap, output, and a report that says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { formatRunReport, run, runReportJson, ToolchainMismatchError } from "../mod.ts";
import { CLI_EXIT, cliMain } from "../cli.ts";
import { repoPath, wasm } from "./_helpers.ts";

const C = () => wasm("clang-19-wasi", "hello");

test("a C wasip1 program runs as a plain WASI program: exit code, output, no maps", async () => {
  const r = await run(C(), { args: ["hello", "7"], allMaps: true });
  assert.equal(r.exit, 7);
  assert.equal(r.stdout.text, "hello from C, 2 args\n");
  assert.equal(r.stderr.text, "to stderr\n");
  assert.equal(r.toolchain.family, "none");
  assert.match(r.toolchain.name, /clang/);
  assert.deepEqual(r.maps, []);
  assert.deepEqual(r.panics, []);
  const text = formatRunReport(r);
  assert.match(
    text.split("\n")[0]!,
    /program exited with code 7 {3}\(no Go runtime found: run as a plain WASI program\)/,
  );
  assert.equal(JSON.parse(runReportJson(r)).layout, "none");
});

test("a C program that traps is reported as a trap", async () => {
  const r = await run(C(), { args: ["hello", "t"] });
  assert.equal(r.trap?.kind, "unreachable");
  assert.equal(r.exit, undefined);
});

test("mapscope run on a C program: its exit status, and a Go layout forced onto it is refused unless forced", async () => {
  let out = "";
  let err = "";
  const io = {
    out: (t: string) => (out += t),
    err: (t: string) => (err += t),
    readFile: async (p: string) => new Uint8Array(await readFile(p)),
  };
  const file = repoPath("go-targets/dist/clang-19-wasi/hello.wasm");
  assert.equal(await cliMain(["run", file, "--", "0"], io), CLI_EXIT.clean);
  assert.match(out, /hello from C, 2 args/);
  assert.equal(await cliMain(["run", file, "--", "3"], io), CLI_EXIT.nonZeroExit);
  assert.equal(await cliMain(["run", file, "--", "t"], io), CLI_EXIT.panicked);
  await assert.rejects(run(C(), { toolchain: "go1.26" }), ToolchainMismatchError);
  const forced = await run(C(), { toolchain: "go1.26", forceToolchain: true, args: ["hello", "0"] });
  assert.equal(forced.exit, 0);
  assert.equal(err.includes("    at "), false);
});
