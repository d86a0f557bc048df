// Issues #5 and #6, for every toolchain build:
//  - header snapshot against a raw DataView read of the same header bytes (goal: within 3x);
//  - full walk of a 1M-entry map from the host against the program ranging over it inside wasm
//    (goal: within 1.5x); decoding every entry is measured too;
//  - panic to report with 100 tracked maps: snapshot every map with entries + the text report
//    (goal: under 1 ms).
// The header and report groups are registered first, so the 1M-entry groups' garbage does not
// land in their timings. Run: deno task bench (MAPSCOPE_BENCH_N sets the walk size).
import { ExitSignal, formatRunReport, MapReader, run, type RunResult } from "../mod.ts";

const N = Number(Deno.env.get("MAPSCOPE_BENCH_N") ?? 1_000_000);
const TOOLCHAINS = ["tinygo-0.41.0", "go1.26.8", "go1.27.3", "go1.27.3-mapsplitgroup"];
const load = (tc: string, t: string) =>
  Deno.readFile(new URL(`../go-targets/dist/${tc}/${t}.wasm`, import.meta.url));

for (const tc of TOOLCHAINS) {
  const hello = await run(await load(tc, "hello"), { args: ["hello"], deterministic: true });
  const reader = new MapReader(hello.memory!, hello.toolchain, hello.module);
  const addr = hello.tracked[0].address;
  const size = tc.startsWith("tinygo") ? 40 : 48;
  Deno.bench(`raw ${size}-byte DataView read ${tc}`, { group: `header ${tc}`, baseline: true }, () => {
    const dv = new DataView(hello.memory!.u8array().buffer, addr, size);
    let x = 0;
    for (let i = 0; i < size; i += 4) x ^= dv.getUint32(i, true);
    if (x === 0.5) throw new Error("unreachable");
  });
  Deno.bench(`snapshot (header + derived) ${tc}`, { group: `header ${tc}` }, () => {
    reader.snapshot(addr);
  });
}

for (const tc of TOOLCHAINS) {
  const many = await run(await load(tc, "panics"), { args: ["panics", "many"], deterministic: true });
  if (many.tracked.length !== 102) throw new Error(`tracked ${many.tracked.length}`);
  Deno.bench(`panic to report, ${many.tracked.length} maps ${tc}`, { group: `report ${tc}` }, () => {
    const rd = new MapReader(many.memory!, many.toolchain, many.module);
    const snaps = many.tracked.map((t) =>
      rd.snapshot(t.address, { name: t.name, type: { descriptor: t.typeDescriptor }, entries: true })
    );
    formatRunReport({ ...many, maps: snaps });
  });
}

for (const tc of TOOLCHAINS) {
  // The program ranges over its map between two checkpoints; the host walks the same map.
  const wasm = await load(tc, "growth");
  const built: { result?: RunResult; addr: number; type: number } = { addr: 0, type: 0 };
  const group = `walk ${tc}`;
  Deno.bench(`wasm range over ${N} entries ${tc}`, { group, baseline: true, n: 5, warmup: 1 }, async (b) => {
    await run(wasm, {
      args: ["growth", String(N), "bulk"],
      deterministic: true,
      onCheckpoint: (cp, live) => {
        if (cp.label === "built") {
          built.addr = live!.tracked[0].address;
          built.type = live!.tracked[0].typeDescriptor;
          b.start();
        } else {
          b.end();
          throw new ExitSignal(0);
        }
      },
    }).then((r) => built.result = r);
  });
  Deno.bench(`host walk over ${N} entries ${tc}`, { group, n: 5, warmup: 1 }, () => {
    const r = built.result!;
    const dv = r.memory!.dataView();
    let sum = 0;
    new MapReader(r.memory!, r.toolchain, r.module).walk(built.addr, (k, v) => {
      sum += dv.getInt32(k, true) ^ dv.getInt32(v, true);
    }, { descriptor: built.type });
    if (sum === 0.5) throw new Error("unreachable");
  });
  Deno.bench(`host decode all ${N} entries ${tc}`, { group, n: 3, warmup: 1 }, () => {
    const r = built.result!;
    const rd = new MapReader(r.memory!, r.toolchain, r.module);
    let n = 0;
    for (const _ of rd.entries(built.addr, { descriptor: built.type })) n++;
    if (n !== N) throw new Error(`read ${n} entries`);
  });
}
