/**
 * The `mapscope` command line: `mapscope run <module.wasm> [options] [-- args...]`.
 *
 * @module
 */
import { MapscopeError, TimeoutError } from "./errors.ts";
import type { Checkpoint } from "./model/result.ts";
import { checkTimeout } from "./run/deadline.ts";
import { formatMap, formatRunReport, snapshotJson, writeRunReportJson } from "./report.ts";
import { formatRunHtml } from "./html/report.ts";
import type { MapRequest, RunOptions } from "./run/options.ts";
import { run } from "./run/run.ts";

/**
 * Where the CLI writes and reads; injectable for tests.
 *
 * @example
 * ```ts
 * import { type CliIo, cliMain } from "@mapscope/mapscope/cli";
 * let out = "";
 * const io: CliIo = { out: (t) => (out += t), err: () => {}, readFile: (p) => Deno.readFile(p) };
 * console.log(await cliMain(["--help"], io), out.startsWith("usage:")); // 0 true
 * ```
 */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Reads a file's bytes. */
  readFile(path: string): Promise<Uint8Array>;
  /** Writes a text file (for `--html`). */
  writeFile?(path: string, text: string): Promise<void>;
}

/**
 * Exit statuses of the CLI.
 *
 * @example
 * ```ts
 * import { CLI_EXIT } from "@mapscope/mapscope/cli";
 * console.log(CLI_EXIT.panicked); // 1
 * ```
 */
export const CLI_EXIT = {
  /** The guest exited with code 0 and did not panic. */
  clean: 0,
  /** The guest panicked or trapped. */
  panicked: 1,
  /** mapscope could not do what was asked (usage, file, module, map errors). */
  error: 2,
  /** The guest exited with a non-zero code without a panic. */
  nonZeroExit: 3,
  /** The guest ran past `--timeout` and was stopped. */
  timedOut: 4,
} as const;

/**
 * The usage text.
 *
 * @example
 * ```ts
 * import { USAGE } from "@mapscope/mapscope/cli";
 * console.log(USAGE.split("\n")[0]);
 * ```
 */
export const USAGE = `usage: mapscope run <module.wasm> [options] [-- program args...]

Runs a TinyGo or Go wasip1 program and reports its maps: at the panic (the instant the runtime
prints "panic:"), or at exit or trap; plus the growth of every map the probe tracks.

options:
  --json                 one JSON document on stdout (program output included in it)
  --html FILE            also write the run as one self-contained HTML page (growth movies included)
  --deterministic        fixed clock and seeded random: identical runs, seeds and layouts
  --seed N               seed for --deterministic (default 1)
  --map ADDR=GO_TYPE     also read the map at ADDR (as the program printed it with %p),
                         e.g. --map 0x31390=map[string]int32 (repeatable; no probe needed)
  --toolchain NAME       skip detection: tinygo-0.41.0, go1.26.8, go1.27.3, go1.27.3-mapsplitgroup
                         (refused when the module names another toolchain, unless forced)
  --force-toolchain      use --toolchain's layout even then (maps that do not fit fail typed)
  --max-entries N        entries shown per map in text (default 20; JSON has all)
  --timeout MS           stop a guest that runs longer (1 to 2147483647 ms); prints its output
                         so far and the maps at its last checkpoint
  --env KEY=VALUE        environment variable for the guest (repeatable)
  --hooks / --no-hooks   see every panic at its first instruction, recovered ones too (default:
                         on when the module's name section names the runtime's panic functions)
  --all-maps             find every map the program writes to, without the probe

exit status: 0 clean exit, 1 the guest panicked or trapped, 2 mapscope error, 3 non-zero exit,
             4 the guest was stopped at --timeout
`;

interface Parsed {
  file: string;
  json: boolean;
  /** Where to write the HTML report, if anywhere. */
  html?: string;
  maxEntries: number;
  options: RunOptions;
}

function parseArgs(argv: string[]): Parsed {
  if (argv[0] !== "run") {
    throw new MapscopeError(argv[0] ? `unknown command ${JSON.stringify(argv[0])}` : "no command");
  }
  const maps: MapRequest[] = [];
  const env: Record<string, string> = {};
  const p: Parsed = { file: "", json: false, maxEntries: 20, options: {} };
  let seed: number | undefined;
  let deterministic = false;
  let i = 1;
  const value = (flag: string) => {
    if (i + 1 >= argv.length) throw new MapscopeError(`${flag} needs a value`);
    return argv[++i];
  };
  const number = (flag: string) => {
    const v = value(flag);
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) {
      throw new MapscopeError(`${flag} takes a non-negative number, not ${JSON.stringify(v)}`);
    }
    return n;
  };
  let programArgs: string[] = [];
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      programArgs = argv.slice(i + 1);
      break;
    } else if (a === "--json") p.json = true;
    else if (a === "--html") {
      p.html = value(a);
      p.options.checkpointOccupancy = true;
    } else if (a === "--hooks") p.options.hooks = true;
    else if (a === "--no-hooks") p.options.hooks = false;
    else if (a === "--all-maps") p.options.allMaps = true;
    else if (a === "--deterministic") deterministic = true;
    else if (a === "--seed") seed = number(a);
    else if (a === "--toolchain") {
      const name = value(a);
      if (!name) throw new MapscopeError("--toolchain needs a toolchain name, not an empty string");
      p.options.toolchain = name;
    } else if (a === "--force-toolchain") p.options.forceToolchain = true;
    else if (a === "--max-entries") p.maxEntries = number(a);
    else if (a === "--timeout") {
      const ms = number(a);
      checkTimeout(ms);
      p.options.timeoutMs = ms;
    } else if (a === "--env") {
      const kv = value(a);
      const eq = kv.indexOf("=");
      if (eq <= 0) throw new MapscopeError(`--env takes KEY=VALUE, not ${JSON.stringify(kv)}`);
      env[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === "--map") {
      const spec = value(a);
      const m = /^(0x[0-9a-fA-F]+|[0-9]+)=(.+)$/.exec(spec);
      if (!m) {
        throw new MapscopeError(
          `--map takes ADDR=GO_TYPE (like 0x31390=map[string]int), not ${JSON.stringify(spec)}`,
        );
      }
      maps.push({ address: Number(m[1]), type: m[2] });
    } else if (a.startsWith("--")) throw new MapscopeError(`unknown option ${a}`);
    else if (!p.file) p.file = a;
    else throw new MapscopeError(`unexpected argument ${JSON.stringify(a)} (program arguments go after --)`);
  }
  if (!p.file) throw new MapscopeError("no module given");
  const base = p.file.split(/[\\/]/).pop()!.replace(/\.wasm$/, "");
  p.options = {
    ...p.options,
    args: [base, ...programArgs],
    env,
    maps,
    deterministic: deterministic ? { seed: seed ?? 1 } : false,
  };
  return p;
}

/**
 * Runs the CLI with `argv` (without the program name) and returns its exit status.
 * Never throws: a failure is an exit status (2, with a one-line message written to `err`).
 *
 * @example
 * ```ts
 * import { cliMain } from "@mapscope/mapscope/cli";
 * import { readFile } from "node:fs/promises";
 * const status = await cliMain(["run", "go-targets/dist/tinygo-0.41.0/hello.wasm", "--deterministic"], {
 *   out: (t) => console.log(t.trimEnd()),
 *   err: (t) => console.error(t.trimEnd()),
 *   readFile: async (p) => new Uint8Array(await readFile(p)),
 * });
 * console.log(status); // 0
 * ```
 */
export async function cliMain(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    (argv.length === 0 ? io.err : io.out)(USAGE);
    return argv.length === 0 ? CLI_EXIT.error : CLI_EXIT.clean;
  }
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    io.err(`mapscope: ${(e as Error).message}\n\n${USAGE}`);
    return CLI_EXIT.error;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(parsed.file);
  } catch (e) {
    io.err(`mapscope: cannot read ${parsed.file}: ${(e as Error).message}\n`);
    return CLI_EXIT.error;
  }
  const out = new TextDecoder();
  const err = new TextDecoder();
  const seen = { stdout: "", stderr: "", checkpoint: undefined as Checkpoint | undefined };
  const options: RunOptions = {
    ...parsed.options,
    onCheckpoint: (cp) => (seen.checkpoint = cp),
    onStdout: (c) =>
      parsed.json
        ? (seen.stdout += out.decode(c, { stream: true }))
        : io.out(out.decode(c, { stream: true })),
    onStderr: (c) =>
      parsed.json
        ? (seen.stderr += err.decode(c, { stream: true }))
        : io.err(err.decode(c, { stream: true })),
  };
  io.err(`mapscope: running ${parsed.file}\n`);
  try {
    return await report(bytes, options, parsed, io);
  } catch (e) {
    if (e instanceof TimeoutError) return timedOut(e, seen, parsed, io);
    // Whatever went wrong, one line and exit 2: never a stack trace, never a code meaning something else.
    const message = e instanceof MapscopeError
      ? e.message
      : `internal error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    io.err(`mapscope: ${message.split("\n")[0]}\n`);
    return CLI_EXIT.error;
  }
}

/** What a stopped run leaves: its output so far and the maps at its last checkpoint. */
function timedOut(
  e: TimeoutError,
  seen: { stdout: string; stderr: string; checkpoint: Checkpoint | undefined },
  parsed: Parsed,
  io: CliIo,
): number {
  const cp = seen.checkpoint;
  if (parsed.json) {
    const maps = cp ? "[" + cp.maps.map((m) => snapshotJson(m)).join(",") + "]" : "null";
    const last = cp ? `{"seq": ${cp.seq}, "label": ${JSON.stringify(cp.label)}, "maps": ${maps}}` : "null";
    io.out(
      `{"timedOut": ${e.timeoutMs}, "lastCheckpoint": ${last}, ` +
        `"stdout": ${JSON.stringify(seen.stdout)}, "stderr": ${JSON.stringify(seen.stderr)}}\n`,
    );
  } else {
    const lines = [`mapscope: ${e.message}`];
    if (cp) {
      lines.push(`maps at the last checkpoint (#${cp.seq} ${JSON.stringify(cp.label)}):`);
      for (const m of cp.maps) lines.push(...formatMap(m, parsed.maxEntries));
    } else lines.push("no checkpoint was reached: no maps to show");
    io.out("\n" + lines.join("\n") + "\n");
  }
  return CLI_EXIT.timedOut;
}

/** Runs and reports; the exit status says how the guest ended. */
async function report(bytes: Uint8Array, options: RunOptions, parsed: Parsed, io: CliIo): Promise<number> {
  {
    const result = await run(bytes, options);
    if (parsed.json) {
      // streamed in pieces of about 64 KiB: the entries of a huge map are never one string
      let buffered = "";
      writeRunReportJson(result, (t) => {
        buffered += t;
        if (buffered.length >= 1 << 16) (io.out(buffered), buffered = "");
      });
      io.out(buffered);
    } else io.out("\n" + formatRunReport(result, parsed.maxEntries));
    if (parsed.html) {
      if (!io.writeFile) throw new MapscopeError("--html needs a CLI that can write files");
      await io.writeFile(
        parsed.html,
        formatRunHtml(result, { title: parsed.file.split(/[\\/]/).pop() ?? parsed.file }),
      );
      io.err(`mapscope: wrote ${parsed.html}\n`);
    }
    const failed = result.maps.filter((m) => m.error);
    for (const m of failed) {
      io.err(`mapscope: map ${m.name ?? ""} at 0x${m.address.toString(16)}: ${m.error}\n`);
    }
    if (result.panic || result.trap) return CLI_EXIT.panicked;
    if (failed.length && (parsed.options.maps ?? []).length) return CLI_EXIT.error;
    return result.exit === 0 ? CLI_EXIT.clean : CLI_EXIT.nonZeroExit;
  }
}
