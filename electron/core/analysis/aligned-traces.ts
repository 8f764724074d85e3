/**
 * Two or more runs to draw one above the other, the same layer at the same place: each trace's model
 * run of median length gives its layer ranges, the engines behind the traces are aligned layer by layer
 * (layer-alignment.ts), and trace-alignment.ts turns both into one time warp per trace. Traces with
 * no engine behind them are aligned by equal layer names.
 */
import type { Trace } from '../model/trace';
import type { Engine } from '../model/types';
import { alignEngines } from './layer-alignment';
import { layerRanges, modelRunWindows } from './layer-ranges';
import type { AlignedTraces, LayerRange, TimeWindow } from '../model/time-warp';
import { alignTraces, type AlignmentInput } from './trace-alignment';

export type { AlignedTraces };

export interface AlignedRun {
  trace: Trace;
  /** The engine whose profile recorded the trace, when known. */
  engine?: Engine;
  label: string;
}

/** ONNX Runtime numbers the nodes it inserts (ReorderOutput_token_126) anew in every session it builds. */
const SESSION_TOKEN = /_token_\d+$/;

/**
 * The trace's name of each engine layer: the same name, else (ORT's renumbered nodes) the next range of
 * the same name without its token that no layer has taken yet, in time order.
 */
function traceNamesOf(engine: Engine, ranges: LayerRange[]): (string | undefined)[] {
  const exact = new Set(ranges.map((range) => range.name));
  const spare = new Map<string, string[]>();
  for (const range of ranges) {
    if (engine.layers.some((layer) => layer.name === range.name)) continue;
    const key = range.name.replace(SESSION_TOKEN, '');
    spare.set(key, [...(spare.get(key) ?? []), range.name]);
  }
  return engine.layers.map((layer) =>
    exact.has(layer.name) ? layer.name : spare.get(layer.name.replace(SESSION_TOKEN, ''))?.shift(),
  );
}

function rowsByName(names: string[][]): AlignmentInput[] {
  const seen = new Set<string>();
  const rows: AlignmentInput[] = [];
  for (const list of names)
    for (const name of list) {
      if (seen.has(name)) continue;
      seen.add(name);
      rows.push({ key: name, names: names.map((other) => (other.includes(name) ? name : null)) });
    }
  return rows;
}

/** The model run of median length (a cold first run would misrepresent the engine). */
function typicalRun(trace: Trace): TimeWindow | null {
  const windows = modelRunWindows(trace);
  const byLength = [...windows].sort((a, b) => a.endNs - a.startNs - (b.endNs - b.startNs));
  return byLength[Math.floor((byLength.length - 1) / 2)] ?? null;
}

export function alignRuns(runs: AlignedRun[]): AlignedTraces {
  const windows = runs.map((run) => typicalRun(run.trace));
  const ranges = runs.map((run, e) => layerRanges(run.trace, windows[e] ?? undefined));
  const engines = runs.map((run) => run.engine);
  const warnings: string[] = [];
  let rows: AlignmentInput[];
  let matchedBy: AlignedTraces['matchedBy'];
  if (engines.every((engine): engine is Engine => engine !== undefined)) {
    const traceNames = engines.map((engine, e) => traceNamesOf(engine, ranges[e]!));
    rows = alignEngines(
      engines,
      runs.map((run) => run.label),
    ).map((row) => ({
      key: row.key,
      names: row.layers.map((index, e) => (index === null ? null : (traceNames[e]![index] ?? null))),
    }));
    matchedBy = 'engine-alignment';
  } else {
    rows = rowsByName(ranges.map((list) => list.map((range) => range.name)));
    matchedBy = 'layer-name';
    warnings.push('not every trace has its engine in the session: layers were matched by equal names');
  }
  ranges.forEach((list, e) => {
    if (list.length === 0) warnings.push(`${runs[e]!.label}: the trace holds no layer ranges to align`);
  });
  const alignment = alignTraces(ranges, rows);
  if (alignment.outOfOrder > 0)
    warnings.push(
      `${alignment.outOfOrder} layer(s) ran in another order in some run and were not aligned there`,
    );
  return { labels: runs.map((run) => run.label), windows, alignment, matchedBy, warnings };
}
