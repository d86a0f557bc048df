// Issues #5 and #6: cross-verification of every map mapscope reads against Go's own view of it,
// for TinyGo 0.41.0 and the three standard Go builds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeGeometry } from "../lib/family/mod.ts";
import { formatMap, snapshotJson } from "../lib/run/mod.ts";
import { CorruptMapError, growthReports, MapReader, type MapSnapshot, TypeExpressionError } from "../mod.ts";
import {
  digest,
  entriesText,
  entryLines,
  GO_TOOLCHAINS,
  headerAsView,
  hex,
  runTarget,
  TOOLCHAINS,
  views,
} from "./_helpers.ts";

function assertSameAsView(
  s: MapSnapshot,
  v: { ptr: string; len: number; header: Record<string, number | string>; entries?: string | undefined },
) {
  assert.equal(s.error, undefined, s.error);
  assert.equal(hex(s.address), v.ptr, `${s.name}: address`);
  assert.equal(s.len, v.len, `${s.name}: len`);
  assert.deepEqual(headerAsView(s), v.header, `${s.name}: header fields`);
  if (v.entries !== undefined) assert.equal(entriesText(s), v.entries, `${s.name}: entries`);
}

for (const tc of TOOLCHAINS) {
  test(`${tc} shapes: every key and value kind decodes equal to Go's own view, header field by field`, async () => {
    const r = await runTarget(tc, "shapes");
    const printed = views(r.stdout.lines);
    assert.equal(r.maps.length, 23);
    assert.equal(printed.length, 23);
    for (const s of r.maps) assertSameAsView(s, printed.find((v) => v.name === s.name)!);
    // a checkpoint sees the same as the end of the run
    assert.deepEqual(r.checkpoints[0].maps.map((m) => m.header), r.maps.map((m) => m.header));
  });

  test(`${tc} shapes: reports written from the entry columns equal those written from entry objects`, async () => {
    const r = await runTarget(tc, "shapes");
    const reader = new MapReader(r.memory!, r.toolchain, r.module);
    let entries = 0;
    for (const t of r.tracked) {
      const type = { descriptor: t.typeDescriptor };
      const s = reader.snapshot(t.address, { name: t.name, type, entries: true });
      // a plain copy has the entries as objects and no columns: the reports take the other path
      const plain: MapSnapshot = { ...s, entries: s.entries };
      assert.deepEqual(formatMap(s, 1e6), formatMap(plain, 1e6), `${t.name}: text`);
      assert.equal(snapshotJson(s), snapshotJson(plain), `${t.name}: JSON`);
      // and the entries made from the columns are those the streaming decoder makes
      assert.deepEqual(
        s.entries!.map((e) => e.json),
        [...reader.entries(t.address, type)].map((e) => e.json),
      );
      // made once, on first read; in the snapshot's JSON; not in a spread copy (own properties only)
      assert.equal(s.entries, s.entries);
      assert.deepEqual(
        JSON.parse(JSON.stringify(s, (_k, v) => typeof v === "bigint" ? String(v) : v)).entries
          .map((e: { json: string }) => e.json),
        s.entries!.map((e) => e.json),
      );
      assert.equal({ ...s }.entries, undefined);
      entries += s.len;
    }
    assert.ok(entries > 100, `${entries} entries compared`);
  });

  test(`${tc} growth: header at each of 8000 checkpoints equals the view printed right after`, async () => {
    const r = await runTarget(tc, "growth");
    const printed = views(r.stdout.lines).filter((v) => v.step !== undefined);
    assert.equal(r.checkpoints.length, 8000);
    assert.equal(printed.length, 8000);
    r.checkpoints.forEach((cp, i) => {
      const v = printed[i];
      const s = cp.maps.find((m) => m.name === v.name)!;
      assert.equal(hex(s.address), v.ptr);
      assert.equal(s.len, v.len);
      assert.deepEqual(headerAsView(s), v.header, `checkpoint ${cp.seq}`);
    });
    const finals = views(r.stdout.lines).filter((v) => v.sha256);
    for (const s of r.maps) {
      const v = finals.find((f) => f.name === s.name)!;
      assert.equal(s.len, 4000);
      assert.equal(new Set(entryLines(s)).size, 4000, "every entry read exactly once");
      assert.equal(digest(entryLines(s)), v.sha256);
    }
    const reports = growthReports(r.checkpoints);
    assert.equal(reports.length, 2);
    for (const g of reports) {
      assert.ok(g.headerFixed);
      assert.deepEqual(g.violations, []);
    }
  });

  test(`${tc} growth bulk: a 100k-entry map is read completely`, async () => {
    const r = await runTarget(tc, "growth", ["100000", "bulk"]);
    const v = views(r.stdout.lines).find((x) => x.sha256)!;
    const s = r.maps.find((m) => m.name === "ints")!;
    assert.equal(s.len, 100000);
    assert.equal(v.count, 100000);
    assert.equal(digest(entryLines(s)), v.sha256);
  });

  test(`${tc} lifecycle: fill, delete (tombstones), clear, refill, each checkpoint equal to Go's view`, async () => {
    const r = await runTarget(tc, "lifecycle", [], { checkpointEntries: true });
    const printed = views(r.stdout.lines);
    assert.deepEqual(r.checkpoints.map((c) => c.label), ["filled", "deleted", "cleared", "refilled"]);
    r.checkpoints.forEach((cp, i) => assertSameAsView(cp.maps[0], printed[i]));
    const lens = r.checkpoints.map((c) => c.maps[0].len);
    assert.deepEqual(lens, [2000, 200, 0, 100]);
    if (!tc.startsWith("tinygo")) {
      const h = r.checkpoints.map((c) => {
        const m = c.maps[0]!;
        assert.ok(m.family === "go" && m.error === undefined, m.error);
        return m.header;
      });
      assert.equal(h[1].tombstonePossible, true);
      assert.ok(h[2].clearSeq > h[1].clearSeq, "clear moves clearSeq");
    }
  });

  test(`${tc} --map style: a map found by its printed %p and a Go type expression`, async () => {
    const probe = await runTarget(tc, "panics", ["explicit"]);
    const printed = views(probe.stdout.lines);
    const int = tc.startsWith("tinygo") ? "int" : "int";
    const r = await runTarget(tc, "panics", ["explicit"], {
      maps: [
        { address: Number(printed[0].ptr), type: `map[string]${int}`, name: "by-address" },
        { address: Number(printed[1].ptr), type: "map[int]float64" },
      ],
    });
    const [a, b] = r.panic!.snapshots.slice(2);
    assert.equal(a.name, "by-address");
    assertSameAsView(a, printed[0]);
    assertSameAsView(b, printed[1]);
  });

  test(`${tc}: a wrong address or a wrong type is a clear error, not garbage`, async () => {
    const r = await runTarget(tc, "panics", ["exit3"]);
    const reader = new MapReader(r.memory!, r.toolchain, r.module);
    const users = r.maps[0];
    assert.throws(
      () => reader.snapshot(users.address + 4, { type: { expression: "map[string]int" } }),
      CorruptMapError,
    );
    assert.throws(() => reader.snapshot(0x7fff_fff0, {}), CorruptMapError);
    assert.throws(() => reader.snapshot(0, {}), CorruptMapError);
    assert.throws(
      () => reader.snapshot(users.address, { type: { expression: "map[[3]int64]bool" }, entries: true }),
      CorruptMapError,
    );
    assert.throws(
      () => reader.snapshot(users.address, { type: { expression: "map[string" } }),
      TypeExpressionError,
    );
    assert.throws(
      () => reader.snapshot(users.address, { type: { expression: "map[Foo]int" } }),
      TypeExpressionError,
    );
  });

  test(`${tc} deferred: the panic snapshot shows the map after the deferred call ran`, async () => {
    const r = await runTarget(tc, "deferred");
    const printed = views(r.stdout.lines);
    const atPrint = printed.find((v) => v.at === "deferred") ?? printed.find((v) => v.at === "panic")!;
    assertSameAsView(r.panic!.snapshots[0], atPrint);
  });
}

test("tinygo-0.41.0: keyHash and keyEqual resolve through the function table to the right algorithm", async () => {
  const r = await runTarget("tinygo-0.41.0", "shapes");
  const by = (n: string) => r.maps.find((m) => m.name === n)!.tinygo!;
  assert.equal(by("strs").keyHash, "runtime.hashmapStringPtrHash");
  assert.equal(by("strs").keyEqual, "runtime.hashmapStringEqual");
  assert.equal(by("i32").keyHash, "runtime.hash32");
  assert.equal(by("f64").keyHash, "runtime.hashmapInterfacePtrHash");
  assert.equal(by("points").keyAlgorithm, "interface");
  assert.equal(by("structs").keyAlgorithm, "binary");
});

test("tinygo-0.41.0: one reader naming the hash functions of many maps in turn names each map's own", async () => {
  // The reader remembers the last slots it named; maps of 3+ hash functions, in rotating and
  // reversed order, must each get their own, as the key algorithm of their type says.
  const r = await runTarget("tinygo-0.41.0", "shapes");
  const reader = new MapReader(r.memory!, r.toolchain, r.module);
  const expected = {
    binary: "runtime.hash32",
    string: "runtime.hashmapStringPtrHash",
    interface: "runtime.hashmapInterfacePtrHash",
  };
  const typed = r.tracked.map((t) => ({ t, opts: { type: { descriptor: t.typeDescriptor } } }));
  const algorithms = new Set(
    typed.map(({ t, opts }) => reader.snapshot(t.address, opts).tinygo!.keyAlgorithm),
  );
  assert.equal(algorithms.size, 3, `shapes has maps of all three key algorithms: ${[...algorithms]}`);
  const order = [...typed, ...[...typed].reverse(), ...typed.filter((_, i) => i % 2 === 0), ...typed];
  for (const { t, opts } of order) {
    const facts = reader.snapshot(t.address, opts).tinygo!;
    assert.equal(facts.keyHash, expected[facts.keyAlgorithm!], t.name);
    // an untyped snapshot names the same function (the header's slot, not the type, decides)
    assert.equal(reader.snapshot(t.address).tinygo!.keyHash, facts.keyHash, t.name);
  }
});

test("tinygo-0.41.0 growth: the bucket array moves exactly when bucketBits grows, through 10+ doublings", async () => {
  const r = await runTarget("tinygo-0.41.0", "growth");
  for (const g of growthReports(r.checkpoints)) {
    const growths = g.events.slice(1);
    assert.ok(growths.length >= 10, `${g.name}: ${growths.length} doublings`);
    growths.forEach((e, i) => assert.equal(e.depth, i + 1));
    // independent of the report: count moves and growths directly
    const snaps = r.checkpoints.map((c) => {
      const m = c.maps.find((m) => m.name === g.name);
      assert.ok(m?.family === "tinygo" && m.error === undefined);
      return m;
    });
    let moves = 0;
    let grows = 0;
    for (let i = 1; i < snaps.length; i++) {
      if (snaps[i].header.buckets !== snaps[i - 1].header.buckets) moves++;
      if (snaps[i].header.bucketBits !== snaps[i - 1].header.bucketBits) grows++;
    }
    assert.equal(moves, grows);
    assert.equal(grows, growths.length);
  }
});

for (const tc of GO_TOOLCHAINS) {
  test(`${tc}: group geometry computed from the types equals abi.MapType for every shapes map`, async () => {
    const r = await runTarget(tc, "shapes");
    const reader = new MapReader(r.memory!, r.toolchain, r.module);
    const { SwissReader } = await import("../lib/family/swiss/reader.ts");
    const swiss = new SwissReader(r.memory!, r.toolchain, r.module);
    for (const t of r.tracked) {
      const mt = reader.mapType({ descriptor: t.typeDescriptor });
      const fromAbi = swiss.types.geometry(t.typeDescriptor);
      const computed = computeGeometry(
        mt.key!,
        mt.elem!,
        tc.endsWith("mapsplitgroup") ? "split" : "interleaved",
      );
      assert.deepEqual(computed, fromAbi, t.name);
    }
    const big = r.maps.find((m) => m.name === "bigKeys")!;
    assert.equal(big.len, 10);
  });

  test(`${tc} growth: small map -> table at the 9th insert, tables split past 1024`, async () => {
    const r = await runTarget(tc, "growth");
    const g = growthReports(r.checkpoints).find((x) => x.name === "ints")!;
    const toTable = g.events.find((e) => e.what.startsWith("small map -> table"))!;
    assert.equal(toTable.len, 9);
    const last = r.maps.find((m) => m.name === "ints")!;
    assert.ok(last.swiss!.tables.length > 1);
    assert.equal(last.swiss!.tables.reduce((n, t) => n + t.used, 0), 4000);
    for (const t of last.swiss!.tables) assert.ok(t.capacity <= 1024);
  });
}

for (const tc of TOOLCHAINS) {
  test(`${tc} shapes: key and value types are spelled with the program's own type names`, async () => {
    const r = await runTarget(tc, "shapes");
    const spelled = Object.fromEntries(r.maps.map((m) => [m.name, `map[${m.keyType}]${m.elemType}`]));
    assert.equal(spelled.structs, "map[main.small]main.payload");
    assert.equal(spelled.points, "map[main.Point]string");
    assert.equal(spelled.named, "map[main.Color]main.Celsius");
    assert.equal(spelled.ptrs, "map[string]*int32");
    assert.equal(spelled.nested, "map[string]map[string]int");
    assert.equal(spelled.bigKeys, "map[[160]uint8]int");
  });
}

test("go: a runtime error's panic value is named through the module's type data", async () => {
  for (const tc of GO_TOOLCHAINS) {
    const r = await runTarget(tc, "panics", ["index"]);
    assert.equal(r.panics[0].valueType, "runtime.boundsError");
  }
});

test("tinygo-0.41.0 growth: overflow bucket counts agree with a full slot walk", async () => {
  const { tinygoBucketStats } = await import("../lib/family/mod.ts");
  const r = await runTarget("tinygo-0.41.0", "growth", ["1500"]);
  for (const m of r.maps) {
    assert.ok(m.tinygo!.overflowBuckets > 0, `${m.name} has overflow buckets at 1500 entries`);
    assert.equal(m.tinygo!.overflowBuckets, tinygoBucketStats(r.memory!, m.address).overflowBuckets);
    assert.equal(m.entries!.length, 1500, "entries in overflow buckets are read too");
  }
});

test("snapshotMap: the one-call form reads the same as the run's own snapshot", async () => {
  const { snapshotMap } = await import("../lib/family/mod.ts");
  for (const tc of TOOLCHAINS) {
    const r = await runTarget(tc, "hello");
    const t = r.tracked[0];
    const s = snapshotMap(r.memory!, t.address, tc, {
      type: { descriptor: t.typeDescriptor },
      entries: true,
    });
    assert.deepEqual(s.header, r.maps[0].header);
    assert.equal(entriesText(s), entriesText(r.maps[0]));
  }
});
