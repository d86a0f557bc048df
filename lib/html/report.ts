/**
 * The HTML report of a run: one self-contained page (no network, no external script or font)
 * with the run, a card per map, the growth movie of every tracked map and, at the panic, each
 * map at the panic's first instruction against the `panic:` print.
 *
 * @module
 */
import { familyOf } from "../family/registry.ts";
import { growthReports } from "../growth.ts";
import { hex } from "../hex.ts";
import type { Checkpoint, RunResult } from "../model/result.ts";
import type { MapSnapshot } from "../model/snapshot.ts";
import { PAGE_SCRIPT, PAGE_STYLE } from "./_page.ts";

/**
 * Options of {@linkcode formatRunHtml}.
 *
 * @example
 * ```ts
 * import { formatRunHtml, type HtmlOptions, run } from "@mapscope/mapscope";
 * const options: HtmlOptions = { title: "hello" };
 * const r = await run(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"), { deterministic: true });
 * console.log(formatRunHtml(r, options).includes("<title>mapscope: hello</title>")); // true
 * ```
 */
export interface HtmlOptions {
  /** The program's name for the title (default: "a WASI program"). */
  title?: string;
}

/** A keyframe of cells every this many steps, so any step is at most this many deltas away. */
const KEYFRAME_EVERY = 256;

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function headerRows(m: MapSnapshot): [string, string, string][] {
  if (m.error !== undefined) return [];
  const docs = familyOf(m).headerDocs;
  return Object.entries(m.header).map(([k, v]) => [
    k,
    typeof v === "number" && /ptr|buckets/i.test(k) ? hex(v) : String(v),
    docs[k] ?? "",
  ]);
}

function card(m: MapSnapshot) {
  const entries = m.entries;
  return {
    name: m.name ?? hex(m.address),
    origin: m.origin,
    address: hex(m.address),
    len: m.len,
    type: m.keyType !== undefined ? `map[${m.keyType}]${m.elemType}` : "",
    error: m.error,
    header: headerRows(m),
    derived: m.error === undefined ? familyOf(m).describe(m) : [],
    truncated: m.truncated,
    keys: entries?.map((e) => e.keyJson),
    vals: entries?.map((e) => e.valueJson),
  };
}

/** The growth movie of one tracked map: a row per checkpoint, cells as keyframes and deltas. */
function movie(name: string, checkpoints: readonly Checkpoint[]) {
  const steps: [number, number, number, number, string, number, string][] = [];
  const frames: (string | number[])[] = [];
  const starts: [number, number[]][] = [];
  let prevCells: Uint8Array | undefined;
  let prevAddr = -1;
  let prevStarts = "";
  let address = "";
  for (const cp of checkpoints) {
    const m = cp.maps.find((x) => x.name === name);
    if (!m || m.error !== undefined || !m.occupancy) continue;
    address = hex(m.address);
    const shape = familyOf(m).shape(m);
    const i = steps.length;
    steps.push([
      cp.seq,
      m.len,
      shape.capacity,
      shape.depth,
      hex(shape.address),
      prevAddr >= 0 && shape.address !== prevAddr ? 1 : 0,
      shape.structure,
    ]);
    prevAddr = shape.address;
    const cells = m.occupancy.cells;
    if (!prevCells || prevCells.length !== cells.length || i % KEYFRAME_EVERY === 0) {
      frames.push(base64(cells));
    } else {
      const d: number[] = [];
      for (let j = 0; j < cells.length; j++) if (cells[j] !== prevCells[j]) d.push(j, cells[j]!);
      frames.push(d);
    }
    prevCells = cells;
    const st = JSON.stringify(m.occupancy.tableStarts);
    if (st !== prevStarts) starts.push([i, m.occupancy.tableStarts]);
    prevStarts = st;
  }
  return { name, address, unit: "", steps, frames, starts };
}

/** Each entry of the fatal panic's maps, at entry and at the print, marked by what deferred calls did. */
function fatalDiff(result: RunResult) {
  const fatal = result.panics.find((p) => !p.recovered && p.atPrint && p.diff);
  if (!fatal) return undefined;
  return fatal.diff!.map((d) => {
    const before = fatal.snapshots.find((s) => s.address === d.address);
    const after = fatal.atPrint!.find((s) => s.address === d.address);
    const removed = new Set(d.removed);
    const added = new Set(d.added);
    const changed = new Set(d.changed.map((c) => c.key));
    const mark = (e: { json: string; keyJson: string }, side: "entry" | "print") =>
      changed.has(e.keyJson)
        ? "changed"
        : side === "entry" && removed.has(e.json)
        ? "removed"
        : side === "print" && added.has(e.json)
        ? "added"
        : "";
    const list = (s: MapSnapshot | undefined, side: "entry" | "print") =>
      [...(s?.entries ?? [])].sort((a, b) => (a.keyJson < b.keyJson ? -1 : 1)).map((
        e,
      ) => [e.json, mark(e, side)]);
    const parts = [`${d.added.length} added`, `${d.removed.length} removed`, `${d.changed.length} changed`];
    return {
      name: d.name,
      entry: list(before, "entry"),
      print: list(after, "print"),
      summary: `deferred calls: ${parts.join(", ")}`,
    };
  });
}

/**
 * The run as one self-contained HTML page: open it from disk in any browser. Maps are drawn from
 * `result.maps`; the growth movies need checkpoints taken with `checkpointOccupancy: true`.
 * Never throws for a result `run` returned.
 *
 * @example
 * ```ts
 * import { formatRunHtml, run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/tinygo-0.41.0/growth.wasm");
 * const r = await run(wasm, { args: ["growth", "200"], deterministic: true, checkpointOccupancy: true });
 * const html = formatRunHtml(r, { title: "growth" });
 * console.log(html.startsWith("<!doctype html>"), html.length > 10_000); // true true
 * ```
 */
export function formatRunHtml(result: RunResult, options: HtmlOptions = {}): string {
  const title = options.title ?? "a WASI program";
  const end = result.trap
    ? `trapped: ${result.trap.kind} (${result.trap.message})`
    : `exited with code ${result.exit}`;
  const growth = growthReports(result.checkpoints);
  const movies = growth.map((g) => {
    const mv = movie(g.name, result.checkpoints);
    const seqIndex = new Map(mv.steps.map((s, i) => [s[0], i]));
    const unit = result.checkpoints.flatMap((c) => c.maps).find((m) => m.name === g.name)?.occupancy?.unit ??
      "bucket";
    return {
      ...mv,
      unit,
      events: g.events.slice(1).map((e) => [seqIndex.get(e.seq) ?? 0, e.what]),
      violations: g.violations,
    };
  }).filter((m) => m.steps.length > 1);
  const stdout = result.stdout.text + result.stderr.text;
  const data = {
    run: {
      program: `${title}: ${result.toolchain.name}`,
      end,
      panic: result.panic
        ? { kind: result.panic.kind, message: result.panic.message, stream: result.panic.stream }
        : null,
      hooks: result.hooked.note ?? "",
      stdout: stdout.length > 4000 ? "…" + stdout.slice(-4000) : stdout,
    },
    mapsWhen: result.panic
      ? `at the moment the runtime printed "${result.panic.kind}:"`
      : "at the end of the run",
    noMaps: `no map to show (${result.toolchain.layoutNote}): track maps with the probe, ` +
      "find them with --all-maps, or name one with --map ADDR=TYPE",
    panics: result.panics.map((p) => ({
      seq: p.seq,
      value: p.value,
      type: p.valueType,
      recovered: p.recovered,
    })),
    maps: result.maps.map(card),
    movies,
    fatal: fatalDiff(result),
  };
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mapscope: ${esc(title)}</title><style>${PAGE_STYLE}</style></head>
<body><header><h1>mapscope · ${esc(title)}</h1><div class="sub">${esc(result.toolchain.name)} · ${
    esc(result.toolchain.layoutNote)
  } · ${esc(end)}</div></header>
<main></main><pre id="selftest" hidden></pre>
<script id="data" type="application/json">${json}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
