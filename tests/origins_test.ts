// Issue #13 (in part): maps found without a probe are not invented and are named by their origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { formatRunReport } from "../mod.ts";
import { repoPath, runTarget, views } from "./_helpers.ts";

test("TinyGo --all-maps: growth temporaries are never reported (one map per real map, however often they grow)", async () => {
  const counts: number[] = [];
  for (const n of ["50", "3000"]) {
    const r = await runTarget("tinygo-0.41.0", "growth", [n], { allMaps: true });
    const reported = r.maps.map((m) => m.address);
    assert.equal(new Set(reported).size, reported.length);
    // the two probe maps are there, each once, with the program's len
    for (const name of ["ints", "strs"]) assert.equal(r.maps.filter((m) => m.name === name).length, 1);
    assert.ok(r.maps.every((m) => m.error === undefined));
    counts.push(r.discovered.length);
  }
  // growing 50 or 3000 entries (3 or 9 doublings per map): the same maps, no temporaries
  assert.equal(counts[0], counts[1], `discovered ${counts.join(" vs ")}`);
});

test("TinyGo nomaps --all-maps: its ten maps, each once, and no growth temporaries", async () => {
  const r = await runTarget("tinygo-0.41.0", "nomaps", [], { allMaps: true });
  const printed = views(r.stdout.lines);
  assert.equal(printed.length, 10);
  for (const p of printed) {
    const found = r.maps.filter((m) => "0x" + m.address.toString(16) === p.ptr);
    assert.equal(found.length, 1, p.name);
    assert.equal(found[0]!.len, p.len);
  }
  // every other map is a distinct live map of the runtime or a library (none shares storage with a
  // program map, as a growth temporary would)
  const buckets = r.maps.map((m) => (m.family === "tinygo" && m.error === undefined ? m.header.buckets : -1));
  assert.equal(new Set(buckets).size, buckets.length);
});

test("Go --all-maps: every map is named by the code that first wrote it, file and line included", async () => {
  const src = readFileSync(repoPath("go-targets/nomaps/main.go"), "utf8").split("\n");
  const firstWrite = (name: string) =>
    1 + src.findIndex((l) => new RegExp(`^\\s*(${name}\\[|var ${name} =)`).test(l));
  for (const tc of ["go1.26.8", "go1.27.3-mapsplitgroup"]) {
    const r = await runTarget(tc, "nomaps", [], { allMaps: true });
    for (const p of views(r.stdout.lines)) {
      const m = r.maps.find((s) => "0x" + s.address.toString(16) === p.ptr)!;
      const fn = p.name === "literal" ? "main.init" : "main.main";
      assert.equal(
        m.origin,
        `first written in ${fn} (mapscope.test/targets/nomaps/main.go:${firstWrite(p.name)})`,
        p.name,
      );
    }
    const text = formatRunReport(r);
    assert.match(
      text,
      /len 12 {3}\(first written in main\.main \(mapscope\.test\/targets\/nomaps\/main\.go:24\)\)/,
    );
    // the runtime's and libraries' own maps are named by theirs, and marked as theirs
    assert.ok(
      r.maps.some((m) =>
        /^first written in unicode\.init \(unicode\/tables\.go:\d+\); the runtime's or standard library's own map$/
          .test(m.origin ?? "")
      ),
    );
    const printedAt = new Set(views(r.stdout.lines).map((p) => p.ptr));
    for (const m of r.maps) {
      const own = /; the runtime's or standard library's own map$/.test(m.origin ?? "");
      assert.equal(own, !printedAt.has("0x" + m.address.toString(16)), `${m.name}: ${m.origin}`);
    }
  }
});

test("the report says where each map's name comes from, and how to see maps when there are none", async () => {
  const probed = await runTarget("go1.26.8", "panics", ["explicit"]);
  assert.ok(probed.maps.every((m) => m.origin === "tracked by the probe"));
  const none = await runTarget("go1.26.8", "nomaps", [], { hooks: false });
  assert.match(
    formatRunReport(none),
    /no maps to show: track them with the probe .* --all-maps .* --map ADDR=GO_TYPE/,
  );
});

test("TinyGo --all-maps: maps typed by the program's one fitting map type, else decoded by shape", async () => {
  const r = await runTarget("tinygo-0.41.0", "nomaps", [], { allMaps: true });
  const printed = views(r.stdout.lines);
  let inferred = 0;
  for (const p of printed) {
    const m = r.maps.find((s) => "0x" + s.address.toString(16) === p.ptr)!;
    assert.equal(m.entries?.length, p.len, `${p.name}: every entry decoded`);
    if (/type inferred/.test(m.origin ?? "")) {
      inferred++;
      // an inferred type decodes exactly what the program printed
      assert.equal(
        JSON.stringify(JSON.parse(`[${m.entries!.map((e) => e.json).join(",")}]`).sort()),
        JSON.stringify(JSON.parse(p.entries!).sort()),
        p.name,
      );
    } else assert.match(m.origin ?? "", /decoded by shape as map\[/, p.name);
  }
  assert.ok(inferred >= 4, `${inferred} maps typed exactly`);
});

test("TinyGo --all-maps without DWARF: each map named by the function that called the map write", async () => {
  const r = await runTarget("tinygo-0.41.0", "nomaps", [], { allMaps: true });
  for (const p of views(r.stdout.lines)) {
    const m = r.maps.find((s) => "0x" + s.address.toString(16) === p.ptr)!;
    // TinyGo inlines main.main into the goroutine runtime.run starts: the name section's name for it
    assert.match(m.origin ?? "", /^first written in runtime\.run\$1\$gowrapper;/, p.name);
    assert.doesNotMatch(m.origin ?? "", /standard library's own/, p.name);
  }
  // without --all-maps nothing is instrumented: no call-site reports, the same output
  const plain = await runTarget("tinygo-0.41.0", "nomaps", [], { hooks: false });
  assert.equal(plain.stdout.text, r.stdout.text);
});
