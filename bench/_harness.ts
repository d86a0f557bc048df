/**
 * The benchmark harness: each goal compares two sides measured in the same run, in interleaved
 * rounds (baseline then subject, then subject then baseline, ...), so machine noise lands on both
 * sides alike (a goal whose samples take milliseconds may alternate single samples instead: see
 * `Goal.sampling`). A round's ratio is subject / baseline of the chosen statistic (for alternate
 * samples and the median, the median over each two pairs in a row, one of each order); a goal's ratio is the median of its
 * rounds, reported with their min and max.
 *
 * @module
 */

/** How long one side takes: one sample in milliseconds (the side times itself). */
export type Sample = () => number | Promise<number>;

/** One side of a goal. */
export interface Side {
  /** What is measured, e.g. "raw 40-byte DataView read". */
  label: string;
  /** Takes one sample; a fixed budget ("1 ms") is a side whose sample is a constant. */
  sample: Sample;
}

/** A statistic over one round's samples of one side. */
export type Statistic = "mean" | "median" | "p99";

/** A speed or memory goal: subject / baseline must be at most `goal`. */
export interface Goal {
  /** Short unique name, e.g. "header snapshot tinygo-0.41.0". */
  name: string;
  /** Where the goal comes from, e.g. "#15". */
  issue: string;
  /** Ratio the subject may reach: 3 means "within 3x the baseline". */
  goal: number;
  /** The statistic compared: per-sample mean, median or 99th percentile. */
  statistic: Statistic;
  /** Unit of the sides' values in the table ("ms", "µs", "MiB"). */
  unit: "ms" | "µs" | "MiB";
  /** The reference side. */
  baseline: Side;
  /** The side the goal is about. */
  subject: Side;
  /** Samples per side per round, by profile. */
  samples: { short: number; full: number };
  /** Rounds, by profile. */
  rounds: { short: number; full: number };
  /** Samples of each side taken and dropped before the rounds (JIT tiering, caches); default 1. */
  warmup?: number;
  /**
   * Set while a goal is known to be missed: why, and the issue that tracks it. Such a goal is
   * measured and shown but left out of the regression gate (the gate guards what is met).
   */
  knownMiss?: string;
  /**
   * The gate's noise margin for this goal when it must be wider than the run's (a p99 that one
   * garbage collection moves by more than the run's margin), with why.
   */
  gateMargin?: { margin: number; why: string };
  /**
   * How a round takes its samples: `"blocks"` (the default: all of one side's, then the other's)
   * or `"alternate"` (one of each side in turn, the first side alternating). Alternate suits
   * samples of milliseconds, where the machine's speed drifting between two blocks would be
   * measured as a difference between the sides; blocks suit short samples whose caches and JIT
   * state one side's code would disturb for the other's. With the median, an alternate round's
   * ratio is the median over each two pairs in a row (one of each order) of their time ratio.
   */
  sampling?: "blocks" | "alternate";
}

/** A goal's measured outcome, as written to the JSON summary. */
export interface GoalResult {
  name: string;
  issue: string;
  statistic: Statistic;
  unit: string;
  baseline: { label: string; value: number };
  subject: { label: string; value: number };
  ratio: { median: number; min: number; max: number };
  rounds: number;
  samplesPerRound: number;
  goal: number;
  met: boolean;
  /** Why the goal is known to be missed (not gated), if it is. */
  knownMiss?: string;
  /** The goal's own gate margin, if it has one (see {@linkcode Goal.gateMargin}). */
  gateMargin?: { margin: number; why: string };
  /**
   * The median ratio of a first measurement that failed the gate, when the goal was measured a
   * second time (see {@linkcode measureGated}); the rest of the result is the second measurement.
   */
  firstAttempt?: number;
}

/** The profile of a run: short (CI) or full (the README's numbers). */
export type Profile = "short" | "full";

/** Time of one call of `f`, in ms. */
export function timeOnce(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Mean time per call of `f` over `n` back-to-back calls, in ms: for calls too short to time alone. */
export function timeBatch(f: () => void, n: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t) / n;
}

/** The statistic of `xs` (which it sorts). */
export function statistic(xs: number[], s: Statistic): number {
  if (xs.length === 0) return NaN;
  if (s === "mean") return xs.reduce((a, b) => a + b, 0) / xs.length;
  xs.sort((a, b) => a - b);
  if (s === "median") {
    // an even count has two middles: their mean (the lower one alone flatters a 2-round goal)
    const mid = xs.length >> 1;
    return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  }
  return xs[Math.min(xs.length - 1, Math.ceil(0.99 * xs.length) - 1)]!;
}

const SCALE = { ms: 1, "µs": 1000, MiB: 1 } as const;

async function side(s: Side, n: number, stat: Statistic): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await s.sample());
  return statistic(xs, stat);
}

/**
 * One round of `n` samples of each side taken in turn, the baseline first when `baselineFirst`:
 * each side's statistic, and the round's ratio. The order flips with every pair (baseline then
 * subject, subject then baseline, ...), so a pair's second sample, which pays for the first's
 * leftovers (here about 2% of a `hello` run), is each side's in turn. For the median, the round's
 * ratio is the median over each two pairs in a row, one of each order, of subject time over
 * baseline time: that cancels the order and the machine's drift within those four samples. (The
 * median of single pairs' ratios mixes two modes, one per order, and the ratio of the two medians
 * moves with the machine's speed within the round: in rounds of `hello` against node:wasi, the
 * former gave 1.02x where the two sides' own medians said 0.98x (#15).)
 */
async function alternate(g: Goal, n: number, baselineFirst: boolean): Promise<[number, number, number]> {
  const bx: number[] = [];
  const sx: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((i % 2 === 0) === baselineFirst) {
      bx.push(await g.baseline.sample());
      sx.push(await g.subject.sample());
    } else {
      sx.push(await g.subject.sample());
      bx.push(await g.baseline.sample());
    }
  }
  // in sample order: `statistic` sorts the arrays it is given
  const twoPairs = g.statistic === "median" ? twoPairRatio(bx, sx) : undefined;
  const bStat = statistic(bx, g.statistic);
  const sStat = statistic(sx, g.statistic);
  return [bStat, sStat, twoPairs ?? sStat / bStat];
}

/**
 * The median over each two pairs in a row (samples `i` and `i + 1` of each side, in the order
 * taken) of subject time over baseline time; an odd last pair counts alone.
 */
function twoPairRatio(bx: readonly number[], sx: readonly number[]): number {
  const n = bx.length;
  const ratios: number[] = [];
  for (let i = 0; i + 1 < n; i += 2) ratios.push((sx[i]! + sx[i + 1]!) / (bx[i]! + bx[i + 1]!));
  if (n % 2 === 1) ratios.push(sx[n - 1]! / bx[n - 1]!);
  return statistic(ratios, "median");
}

/** Measures `g` in interleaved rounds and says whether it meets its goal; `onRound` sees each round. */
export async function measure(
  g: Goal,
  profile: Profile,
  onRound?: (round: number, rounds: number, ratio: number) => void,
): Promise<GoalResult> {
  const rounds = g.rounds[profile];
  const n = g.samples[profile];
  const ratios: number[] = [];
  const bs: number[] = [];
  const ss: number[] = [];
  for (let i = 0; i < (g.warmup ?? 1); i++) {
    await g.baseline.sample();
    await g.subject.sample();
  }
  for (let r = 0; r < rounds; r++) {
    let b: number, s: number, ratio: number | undefined;
    if (g.sampling === "alternate") {
      [b, s, ratio] = await alternate(g, n, r % 2 === 0);
    } else if (r % 2 === 0) {
      b = await side(g.baseline, n, g.statistic);
      s = await side(g.subject, n, g.statistic);
    } else {
      s = await side(g.subject, n, g.statistic);
      b = await side(g.baseline, n, g.statistic);
    }
    bs.push(b);
    ss.push(s);
    ratio ??= s / b;
    ratios.push(ratio);
    onRound?.(r + 1, rounds, ratio);
  }
  const median = statistic([...ratios], "median");
  const scale = SCALE[g.unit];
  return {
    name: g.name,
    issue: g.issue,
    statistic: g.statistic,
    unit: g.unit,
    baseline: { label: g.baseline.label, value: round(statistic(bs, "median") * scale) },
    subject: { label: g.subject.label, value: round(statistic(ss, "median") * scale) },
    ratio: { median: round(median), min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
    rounds,
    samplesPerRound: n,
    goal: g.goal,
    met: median <= g.goal,
    ...(g.knownMiss ? { knownMiss: g.knownMiss } : {}),
    ...(g.gateMargin ? { gateMargin: g.gateMargin } : {}),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(3));
}

/**
 * Measures `g` as {@linkcode measure} does; when `margin` is given and the result fails the gate
 * (see {@linkcode gateFailures}), measures it once more, right away, and returns the second result
 * with the first one's ratio as `firstAttempt`. A goal fails the gate only when two measurements
 * in a row do: a real regression fails both, a burst of machine noise (a round at 4-6x on a shared
 * CI machine) rarely lands on two. `onRetry` is told before the second measurement.
 */
export async function measureGated(
  g: Goal,
  profile: Profile,
  margin: number | undefined,
  onRound?: (round: number, rounds: number, ratio: number) => void,
  onRetry?: (first: GoalResult) => void,
): Promise<GoalResult> {
  const first = await measure(g, profile, onRound);
  if (margin === undefined || gateFailures([first], margin).length === 0) return first;
  onRetry?.(first);
  const second = await measure(g, profile, onRound);
  return { ...second, firstAttempt: first.ratio.median };
}

/** The goal table as Markdown. */
export function formatTable(results: GoalResult[]): string {
  const lines = [
    "| goal | statistic | baseline | subject | ratio (median, min–max) | goal | met |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} (${r.issue}) | ${r.statistic} | ${r.baseline.label}: ${r.baseline.value} ${r.unit} | ` +
        `${r.subject.label}: ${r.subject.value} ${r.unit} | ${r.ratio.median}x (${r.ratio.min}–${r.ratio.max})${
          r.firstAttempt === undefined ? "" : `, measured again (first ${r.firstAttempt}x)`
        } | ` +
        `≤ ${r.goal}x | ${r.met ? "yes" : r.knownMiss ? "no (known, not gated)" : "**no**"} |`,
    );
  }
  return lines.join("\n");
}

/**
 * The regression gate: the goals whose median ratio is worse than the goal by more than
 * `margin` (0.3 = 30%; a goal's own `gateMargin` instead, when it has one), with a line each
 * saying by how much. Known misses are not gated.
 */
export function gateFailures(results: GoalResult[], margin: number): string[] {
  const allowed = (r: GoalResult) => r.gateMargin?.margin ?? margin;
  return results.filter((r) => !r.knownMiss && r.ratio.median > r.goal * (1 + allowed(r))).map((r) =>
    `${r.name}: ${r.ratio.median}x against a goal of ${r.goal}x (allowed with the ${
      Math.round(allowed(r) * 100)
    }% noise margin${r.gateMargin ? ` of this goal (${r.gateMargin.why})` : ""}: ${
      round(r.goal * (1 + allowed(r)))
    }x)`
  );
}
