// Issue #5: the mapscope CLI, in-process, on committed targets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { CLI_EXIT, cliMain } from "../cli.ts";
import { cli, repoPath, runTarget, TOOLCHAINS, views } from "./_helpers.ts";

for (const tc of TOOLCHAINS) {
  test(`${tc}: mapscope run --map <printed %p>=<its type> reports the len and entries the program printed`, async () => {
    const first = await runTarget(tc, "panics", ["explicit"]);
    const [users, scores] = views(first.stdout.lines);
    const r = await cli([
      "run",
      repoPath(`go-targets/dist/${tc}/panics.wasm`),
      "--json",
      "--deterministic",
      "--map",
      `${users.ptr}=map[string]int`,
      "--map",
      `${scores.ptr}=map[int]float64`,
      "--",
      "explicit",
    ]);
    assert.equal(r.status, CLI_EXIT.panicked);
    const j = JSON.parse(r.out);
    assert.equal(j.panic.message, "boom: users has 19 entries");
    assert.equal(j.toolchain, tc);
    const byAddr = (a: string) =>
      j.maps.find((m: { address: string; name: string }) => m.address === a && m.name === a);
    for (const v of [users, scores]) {
      const m = byAddr(v.ptr);
      assert.equal(m.len, v.len);
      const sorted = m.entries.map((e: unknown) => JSON.stringify(e)).sort();
      assert.deepEqual(sorted, (JSON.parse(v.entries!) as unknown[]).map((e) => JSON.stringify(e)).sort());
    }
    // the tracked maps are there too, by name
    assert.deepEqual(j.maps.slice(0, 2).map((m: { name: string }) => m.name), ["users", "scores"]);
  });
}

test("mapscope run: text report shows the panic, abridged maps and the growth table", async () => {
  const r = await cli([
    "run",
    repoPath("go-targets/dist/tinygo-0.41.0/growth.wasm"),
    "--deterministic",
    "--max-entries",
    "3",
    "--",
    "300",
  ]);
  assert.equal(r.status, CLI_EXIT.clean);
  assert.match(r.out, /map ints at 0x[0-9a-f]+ map\[int\]int {2}len 300/);
  assert.match(r.out, /\.\.\. 297 more \(--json shows all\)/);
  assert.match(r.out, /growth of ints \(header 0x[0-9a-f]+ fixed over 600 checkpoints/);
  assert.match(r.out, /buckets 32 -> 64, array moved/);
  assert.match(r.out, /every growth followed the runtime's rules/);
});

test("mapscope run: exit status 3 for a non-zero exit, 1 for a Go panic", async () => {
  assert.equal(
    (await cli(["run", repoPath("go-targets/dist/go1.26.8/panics.wasm"), "--", "exit3"])).status,
    CLI_EXIT.nonZeroExit,
  );
  const p = await cli(["run", repoPath("go-targets/dist/go1.27.3/panics.wasm"), "--", "nilptr"]);
  assert.equal(p.status, CLI_EXIT.panicked);
  assert.match(
    p.out,
    /panic: runtime error: invalid memory address or nil pointer dereference {3}\(printed to stderr\)/,
  );
});

test("mapscope: bad input gets a clear message and status 2", async () => {
  const cases: [string[], RegExp][] = [
    [["run"], /no module given/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["run", "x.wasm", "--map", "zz"], /--map takes ADDR=GO_TYPE/],
    [["run", "x.wasm", "--bogus"], /unknown option --bogus/],
    [["run", "/nonexistent/x.wasm"], /cannot read \/nonexistent\/x\.wasm/],
    [["run", repoPath("deno.json")], /not a WebAssembly module/],
    [
      ["run", repoPath("go-targets/dist/go1.26.8/hello.wasm"), "--toolchain", "go1.20"],
      /unknown toolchain "go1\.20"/,
    ],
  ];
  for (const [args, re] of cases) {
    const r = await cli(args);
    assert.equal(r.status, CLI_EXIT.error, args.join(" "));
    assert.match(r.err, re);
  }
  const bad = await cli([
    "run",
    repoPath("go-targets/dist/tinygo-0.41.0/hello.wasm"),
    "--map",
    "0x10=map[string]int",
  ]);
  assert.equal(bad.status, CLI_EXIT.error);
  assert.match(bad.err, /no consistent map at 0x10/);
});

test("mapscope run: recovered panics are marked in text, and JSON carries panics, diffs and --all-maps", async () => {
  const text = await cli(["run", repoPath("go-targets/dist/go1.26.8/recovered.wasm"), "--deterministic"]);
  assert.equal(text.status, CLI_EXIT.panicked);
  assert.match(text.out, /#1 RECOVERED panic\(string: first: recovered\)/);
  assert.match(text.out, /#2 FATAL panic\(string: second: fatal\)/);
  const json = await cli([
    "run",
    repoPath("go-targets/dist/go1.27.3/deferred.wasm"),
    "--deterministic",
    "--json",
  ]);
  const j = JSON.parse(json.out);
  assert.equal(j.hooked.panics, true);
  assert.equal(j.panics.length, 1);
  assert.equal(j.panics[0].recovered, false);
  assert.deepEqual(j.panics[0].diff[0].added, [["figs", 11]]);
  assert.deepEqual(j.panics[0].diff[0].removed, [["pears", 5]]);
  assert.deepEqual(j.panics[0].diff[0].changed, [{ key: "apples", before: 3, after: 4 }]);
  const off = JSON.parse(
    (await cli(["run", repoPath("go-targets/dist/go1.27.3/deferred.wasm"), "--json", "--no-hooks"])).out,
  );
  assert.equal(off.hooked.panics, false);
  assert.equal(off.panics.length, 0);
  assert.equal(off.panic.message, "fruit went bad");
  const all = JSON.parse(
    (await cli(["run", repoPath("go-targets/dist/go1.26.8/nomaps.wasm"), "--json", "--all-maps"])).out,
  );
  assert.ok(all.discovered.length >= 10);
  const lit = all.maps.find((m: { entries?: unknown[][] }) => m.entries?.some((e) => e[0] === "three"));
  assert.ok(lit, "the global map literal the program wrote to is found");
  assert.deepEqual(lit.entries.map((e: unknown[]) => e[0]).sort(), ["one", "three", "two"]);
});

test("mapscope run --html FILE writes one self-contained page with the run's growth movies", async () => {
  const written = new Map<string, string>();
  let err = "";
  const status = await cliMain([
    "run",
    repoPath("go-targets/dist/tinygo-0.41.0/growth.wasm"),
    "--html",
    "/x/report.html",
    "--",
    "50",
  ], {
    out: () => {},
    err: (t) => (err += t),
    readFile: async (p) => new Uint8Array(await readFile(p)),
    writeFile: (p, text) => Promise.resolve(void written.set(p, text)),
  });
  assert.equal(status, CLI_EXIT.clean, err);
  const html = written.get("/x/report.html")!;
  assert.ok(html.startsWith("<!doctype html>"));
  assert.doesNotMatch(
    html,
    /<script[^>]+src=|<link[^>]+href=|<img|url\(|@import/,
    "nothing loaded from elsewhere",
  );
  const data = JSON.parse(/<script id="data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
  assert.deepEqual(data.movies.map((m: { name: string; steps: unknown[] }) => [m.name, m.steps.length]), [[
    "ints",
    100,
  ], ["strs", 100]]);
  assert.match(err, /wrote \/x\/report\.html/);
});
