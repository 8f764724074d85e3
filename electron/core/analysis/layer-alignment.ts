/**
 * Aligns the layers of 2+ engines (e.g. FP32, FP16 and INT8 builds of one model): by ONNX origin where
 * the engines carry Metadata, else by identical layer name (same ONNX, TensorRT 8.x names), else by
 * type and shapes in order (TREx's signature: layer type and the first input's and output's dimensions
 * without the batch). Engines are added one at a time against the rows built so far, so a layer that
 * only the second and third engines have still lines up.
 */
import type { AlignedRow, Engine, EngineLayer } from '../model/types';
import { isQdqLayer, layerKind } from '../model/engine-layers';

export type MatchMethod = AlignedRow['matchedBy'];

/** A row of the alignment: per engine the index of its layer in `engine.layers`, or null. */
export interface AlignmentRow {
  key: string;
  matchedBy: MatchMethod;
  layers: (number | null)[];
  note?: string;
}

const STRENGTH: Record<MatchMethod, number> = {
  'onnx-origin': 3,
  name: 2,
  'type-shape-order': 1,
  unmatched: 0,
};

interface WorkingRow {
  layers: (number | null)[];
  method: MatchMethod | null;
}

function signature(layer: EngineLayer): string {
  const withoutBatch = (dims: number[] | null | undefined) => (dims ? dims.slice(1).join('x') : '?');
  return `${layerKind(layer)}|${withoutBatch(layer.inputs[0]?.dims)}|${withoutBatch(layer.outputs[0]?.dims)}`;
}

class Aligner {
  readonly rows: WorkingRow[] = [];
  private readonly layerLists: EngineLayer[][] = [];
  /** Per engine, its layers of the chosen optimization profile with their indices. */
  private readonly selected: { layer: EngineLayer; index: number }[][];

  constructor(
    private readonly engines: Engine[],
    profileIndex: number,
  ) {
    for (const engine of engines) this.layerLists.push(engine.layers);
    this.selected = engines.map((engine) =>
      engine.layers
        .map((layer, index) => ({ layer, index }))
        .filter(({ layer }) => layer.profileIndex === profileIndex),
    );
  }

  run(): void {
    for (const { index } of this.selected[0] ?? []) {
      this.rows.push({ layers: this.engines.map((_, e) => (e === 0 ? index : null)), method: null });
    }
    for (let e = 1; e < this.engines.length; e++) this.addEngine(e);
  }

  private cellLayers(row: WorkingRow): EngineLayer[] {
    return row.layers.flatMap((index, e) => (index === null ? [] : [this.layerLists[e]![index]!]));
  }

  private assign(row: WorkingRow, e: number, index: number, method: MatchMethod): void {
    row.layers[e] = index;
    row.method = row.method === null || STRENGTH[method] < STRENGTH[row.method] ? method : row.method;
  }

  private addEngine(e: number): void {
    const pending = new Set(this.selected[e]!.map(({ index }) => index));
    this.matchByKey(
      e,
      pending,
      'onnx-origin',
      (layer) => layer.originNodes,
      (a, b) => {
        const origins = new Set(a.originNodes);
        return b.originNodes.filter((node) => origins.has(node)).length;
      },
    );
    this.matchByKey(
      e,
      pending,
      'name',
      (layer) => [layer.name],
      (a, b) => (a.name === b.name ? 1 : 0),
    );
    this.matchBySignature(e, pending);
    this.insertUnmatched(e, pending);
  }

  /**
   * Greedy one-to-one matching of pending layers to free rows by a score (0 = no match): each layer
   * takes the first free row with the highest score. Only rows sharing one of its `keys` can score, so
   * rows are looked up by key instead of scanned (3 x 1,000 layers would otherwise take seconds).
   */
  private matchByKey(
    e: number,
    pending: Set<number>,
    method: MatchMethod,
    keys: (layer: EngineLayer) => string[],
    score: (rowLayer: EngineLayer, layer: EngineLayer) => number,
  ): void {
    const layers = this.layerLists[e]!;
    const rowsByKey = new Map<string, number[]>();
    this.rows.forEach((row, r) => {
      if (row.layers[e] !== null) return;
      for (const key of new Set(this.cellLayers(row).flatMap(keys))) {
        const list = rowsByKey.get(key);
        if (list) list.push(r);
        else rowsByKey.set(key, [r]);
      }
    });
    for (const index of [...pending]) {
      const layer = layers[index]!;
      const candidates = [...new Set(keys(layer).flatMap((key) => rowsByKey.get(key) ?? []))].sort(
        (a, b) => a - b,
      );
      let best: WorkingRow | undefined;
      let bestScore = 0;
      for (const r of candidates) {
        const row = this.rows[r]!;
        if (row.layers[e] !== null) continue;
        const rowScore = Math.max(0, ...this.cellLayers(row).map((cell) => score(cell, layer)));
        if (rowScore > bestScore) {
          best = row;
          bestScore = rowScore;
        }
      }
      if (best) {
        this.assign(best, e, index, method);
        pending.delete(index);
      }
    }
  }

  /** Longest common subsequence of signatures between free rows and pending layers, in order. */
  private matchBySignature(e: number, pending: Set<number>): void {
    const freeRows = this.rows.filter((row) => row.layers[e] === null);
    const layers = [...pending].sort((a, b) => a - b);
    const rowSignatures = freeRows.map((row) => new Set(this.cellLayers(row).map(signature)));
    const layerSignatures = layers.map((index) => signature(this.layerLists[e]![index]!));
    const n = freeRows.length;
    const m = layers.length;
    const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i]![j] = rowSignatures[i]!.has(layerSignatures[j]!)
          ? table[i + 1]![j + 1]! + 1
          : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
      }
    }
    for (let i = 0, j = 0; i < n && j < m;) {
      if (rowSignatures[i]!.has(layerSignatures[j]!)) {
        this.assign(freeRows[i]!, e, layers[j]!, 'type-shape-order');
        pending.delete(layers[j]!);
        i++;
        j++;
      } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
      else j++;
    }
  }

  /** Each layer left over gets a row of its own, right after the row of its predecessor in its engine. */
  private insertUnmatched(e: number, pending: Set<number>): void {
    let previousRow = -1;
    for (const { index } of this.selected[e]!) {
      if (!pending.has(index)) {
        previousRow = this.rows.findIndex((row) => row.layers[e] === index);
        continue;
      }
      const row: WorkingRow = { layers: this.engines.map((_, k) => (k === e ? index : null)), method: null };
      this.rows.splice(previousRow + 1, 0, row);
      previousRow += 1;
    }
  }
}

/** Why a row lacks a layer in some engines, in one sentence. */
function noteFor(present: EngineLayer[], missingLabels: string[]): string {
  const where = missingLabels.join(', ');
  if (present.every((layer) => layer.reformat))
    return `reformat (layout or type copy) the backend added here; ${where} needed none`;
  if (present.every(isQdqLayer))
    return `stand-alone quantize/dequantize layer with no counterpart in ${where}`;
  if (present.every((layer) => layer.reformat || isQdqLayer(layer))) {
    return `data conversion (reformat or quantize) layer with no counterpart in ${where}`;
  }
  return `no layer with the same ONNX origin, name, or type and shapes in ${where}: fused or split differently`;
}

/** Aligns the layers of the given optimization profile across engines; `labels` name them in notes. */
export function alignEngines(engines: Engine[], labels: string[], profileIndex = 0): AlignmentRow[] {
  const aligner = new Aligner(engines, profileIndex);
  aligner.run();
  const usedKeys = new Map<string, number>();
  return aligner.rows.map((row) => {
    const present = row.layers.flatMap((index, e) => (index === null ? [] : [engines[e]!.layers[index]!]));
    const complete = row.layers.every((index) => index !== null);
    const baseKey = present[0]!.name;
    const seen = (usedKeys.get(baseKey) ?? 0) + 1;
    usedKeys.set(baseKey, seen);
    const aligned: AlignmentRow = {
      key: seen > 1 ? `${baseKey}#${seen}` : baseKey,
      matchedBy: complete && row.method ? row.method : 'unmatched',
      layers: row.layers,
    };
    if (!complete) {
      aligned.note = noteFor(
        present,
        labels.filter((_, e) => row.layers[e] === null),
      );
    }
    return aligned;
  });
}

/** Counts for a summary line: rows matched in every engine, by method, and rows left unmatched. */
export function alignmentStats(rows: { matchedBy: MatchMethod }[]): {
  rows: number;
  matched: number;
  byMethod: Record<string, number>;
} {
  const byMethod: Record<string, number> = {};
  for (const row of rows) byMethod[row.matchedBy] = (byMethod[row.matchedBy] ?? 0) + 1;
  return { rows: rows.length, matched: rows.length - (byMethod['unmatched'] ?? 0), byMethod };
}
