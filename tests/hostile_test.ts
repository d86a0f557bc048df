// Issue #11: a crashing program is hostile input. Timeouts stop the guest in every runtime, the
// CLI never exits with a code that means something else, and refusals are typed and one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MapReader, run, TimeoutError, ToolchainMismatchError } from "../mod.ts";
import { formatMap } from "../lib/run/mod.ts";
import { CLI_EXIT } from "../cli.ts";
import { cli, repoPath, runtimeCommand, scriptFile, wasm } from "./_helpers.ts";
import { SLEEP_WASI, SPIN_WASI } from "./_wasm.ts";

/** Runs cli.ts in a child process of this runtime (Deno or Bun). */
function cliProcess(args: string[], timeoutMs = 60_000) {
  const { cmd, args: argv } = runtimeCommand(repoPath("cli.ts"));
  const t0 = Date.now();
  const r = spawnSync(cmd, [...argv, ...args], { encoding: "utf8", timeout: timeoutMs, maxBuffer: 1 << 28 });
  return { status: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

test("timeoutMs stops a guest spinning in a loop, in this thread, with TimeoutError", async () => {
  const t0 = Date.now();
  await assert.rejects(
    run(SPIN_WASI, { toolchain: "tinygo-0.41.0", timeoutMs: 300 }),
    (e: unknown) => e instanceof TimeoutError && e.timeoutMs === 300,
  );
  assert.ok(Date.now() - t0 < 10_000, `stopped after ${Date.now() - t0} ms`);
});

test("timeoutMs ends a guest sleeping an hour on the real clock", async () => {
  const t0 = Date.now();
  await assert.rejects(run(SLEEP_WASI, { toolchain: "tinygo-0.41.0", timeoutMs: 300 }), TimeoutError);
  assert.ok(Date.now() - t0 < 10_000, `stopped after ${Date.now() - t0} ms`);
});

test("a module that cannot take loop checks (no fd_write import) still times out, in a Worker", () => {
  // In a child process: Deno and Bun leave a terminated Worker's busy thread spinning, and the
  // child's exit is what ends it.
  const script = scriptFile(
    "spin.ts",
    `import { run, TimeoutError } from ${JSON.stringify(repoPath("mod.ts"))};
import { SPIN } from ${JSON.stringify(repoPath("tests/_wasm.ts"))};
try { await run(SPIN, { toolchain: "tinygo-0.41.0", timeoutMs: 300 }); console.log("finished"); }
catch (e) { console.log(e instanceof TimeoutError ? "timeout" : String(e)); }
process.exit(0);
import process from "node:process";
`,
  );
  const { cmd, args } = runtimeCommand(script);
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000 });
  assert.equal(r.stdout.trim(), "timeout", r.stderr);
});

test("timeouts beyond a timer's range, or not positive, are refused before running", async () => {
  for (const ms of [1e12, 0, -5, Number.NaN, Infinity]) {
    await assert.rejects(run(SPIN_WASI, { toolchain: "tinygo-0.41.0", timeoutMs: ms }), /timeoutMs must be/);
  }
  const r = await cli(["run", repoPath("go-targets/dist/go1.26.8/hello.wasm"), "--timeout", "1e12"]);
  assert.equal(r.status, CLI_EXIT.error);
  assert.match(r.err, /timeoutMs must be a number of milliseconds from 1 to 2147483647/);
});

test("mapscope run --timeout: the process exits, with the guest's output and the maps at its last checkpoint", () => {
  const dir = mkdtempSync(join(tmpdir(), "mapscope-timeout-"));
  const spin = join(dir, "spin.wasm");
  writeFileSync(spin, SPIN_WASI);
  const a = cliProcess(["run", spin, "--toolchain", "tinygo-0.41.0", "--timeout", "300"]);
  assert.equal(a.status, CLI_EXIT.timedOut, a.err);
  assert.match(a.out, /the guest ran longer than 300 ms and was stopped/);
  assert.match(a.out, /no checkpoint was reached/);
  // a real program, stopped while it grows a map with a checkpoint after every insert
  const b = cliProcess([
    "run",
    repoPath("go-targets/dist/tinygo-0.41.0/growth.wasm"),
    "--timeout",
    "1500",
    "--",
    "2000000",
  ]);
  assert.equal(b.status, CLI_EXIT.timedOut, b.err);
  const m = /maps at the last checkpoint \(#(\d+) /.exec(b.out);
  assert.ok(m, b.out.slice(-2000));
  assert.match(b.out, /map ints at 0x[0-9a-f]+ map\[int\]int {2}len [1-9]/);
});

test("the CLI refuses a toolchain that contradicts the module, unless forced; a forced wrong layout fails typed", async () => {
  const split = repoPath("go-targets/dist/go1.27.3-mapsplitgroup/shapes.wasm");
  const r = await cli(["run", split, "--toolchain", "go1.26.8"]);
  assert.equal(r.status, CLI_EXIT.error);
  assert.match(r.err, /built by go1\.27\.3-mapsplitgroup, not go1\.26\.8/);
  await assert.rejects(
    run(wasm("go1.27.3-mapsplitgroup", "shapes"), { toolchain: "go1.26.8" }),
    ToolchainMismatchError,
  );
  const t0 = Date.now();
  const forced = await run(wasm("go1.27.3-mapsplitgroup", "shapes"), {
    toolchain: "go1.26.8",
    forceToolchain: true,
    deterministic: true,
  });
  assert.ok(forced.maps.length > 0);
  assert.ok(
    forced.maps.every((m) => m.error !== undefined),
    "every map read with the wrong layout is refused",
  );
  assert.ok(Date.now() - t0 < 20_000);
  const empty = await cli(["run", split, "--toolchain", ""]);
  assert.equal(empty.status, CLI_EXIT.error);
  assert.match(empty.err, /--toolchain needs a toolchain name/);
});

test("the CLI answers hostile --map types and files with exit 2 and one line, never a stack trace", async () => {
  const hello = repoPath("go-targets/dist/go1.26.8/hello.wasm");
  for (
    const type of ["[1]".repeat(5000) + "int", "*".repeat(20000) + "int", "map[string][99999999999]struct{}"]
  ) {
    const r = await cli(["run", hello, "--map", `0x1000=${type}`]);
    assert.equal(r.status, CLI_EXIT.error, r.err.slice(0, 300));
    const lines = r.err.trim().split("\n").filter((l) => !l.startsWith("mapscope: running"));
    assert.ok(lines.every((l) => !/^\s+at /.test(l)), r.err.slice(0, 500));
  }
  const z = cliProcess(["run", "/dev/zero"], 20_000);
  assert.equal(z.status, CLI_EXIT.error, z.err);
  assert.match(z.err, /not a regular file/);
  assert.ok(z.ms < 15_000);
});

test("a snapshot past its byte budget is cut and marked truncated, not killed; the next read is whole", async () => {
  for (const tc of ["tinygo-0.41.0", "go1.26.8"]) {
    const r = await run(wasm(tc, "growth"), { args: ["growth", "300"], deterministic: true });
    const reader = new MapReader(r.memory!, r.toolchain, r.module);
    const strs = r.tracked.find((t) => t.name === "strs")!;
    const type = { descriptor: strs.typeDescriptor };
    const cut = reader.snapshot(strs.address, { type, entries: true, budget: 2000 });
    assert.equal(cut.len, 300);
    assert.ok(cut.entries!.length > 0 && cut.entries!.length < 300, `${cut.entries!.length} kept`);
    assert.match(cut.truncated!, /^\d+ of 300 entries kept: the snapshot's decode budget ran out$/);
    assert.match(formatMap(cut).join("\n"), /entries cut: /);
    const whole = reader.snapshot(strs.address, { type, entries: true });
    assert.equal(whole.truncated, undefined);
    assert.equal(whole.entries!.length, 300);
  }
});
