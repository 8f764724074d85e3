/**
 * How far apart two variants' task metrics are on the same samples, and how sure that gap is. Both
 * metrics are ratios of counts pooled over the samples (box agreement, top-1 agreement: see
 * AccuracyAccumulator.taskTally), judged on the same images, so the gap is paired: an image where
 * both variants lose the same box does not count twice. Its standard error is the jackknife's (leave
 * one sample out, recompute both pooled ratios): no assumption on how boxes spread over images, and
 * the same answer on every run.
 */

/** One sample's share of a pooled ratio metric. */
export interface SampleTally {
  numerator: number;
  denominator: number;
}

export interface PairedDifference {
  /** Pooled metric of `a` minus pooled metric of `b`. */
  difference: number;
  /** Jackknife standard error of that difference; 0 with fewer than two samples. */
  standardError: number;
  samples: number;
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 1 : numerator / denominator);

export function pairedDifference(a: SampleTally[], b: SampleTally[]): PairedDifference {
  if (a.length !== b.length) throw new Error(`paired samples differ in number: ${a.length} and ${b.length}`);
  const n = a.length;
  const sum = (tallies: SampleTally[]) =>
    tallies.reduce(
      (total, t) => ({
        numerator: total.numerator + t.numerator,
        denominator: total.denominator + t.denominator,
      }),
      { numerator: 0, denominator: 0 },
    );
  const totalA = sum(a);
  const totalB = sum(b);
  const difference =
    ratio(totalA.numerator, totalA.denominator) - ratio(totalB.numerator, totalB.denominator);
  if (n < 2) return { difference, standardError: 0, samples: n };
  const leftOut = a.map(
    (_, i) =>
      ratio(totalA.numerator - a[i]!.numerator, totalA.denominator - a[i]!.denominator) -
      ratio(totalB.numerator - b[i]!.numerator, totalB.denominator - b[i]!.denominator),
  );
  const mean = leftOut.reduce((s, d) => s + d, 0) / n;
  const variance = ((n - 1) / n) * leftOut.reduce((s, d) => s + (d - mean) ** 2, 0);
  return { difference, standardError: Math.sqrt(variance), samples: n };
}
