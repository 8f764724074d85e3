/**
 * Span of the CUDA API call behind each (process, correlationId). CUPTI hands out correlation ids
 * densely from 1 per process, so a growable typed array per process beats a Map by far at a million
 * launches; ids that are sparse or huge fall back to a Map.
 */
const DENSE_LIMIT = 1 << 26;

export class CorrelationIndex {
  private readonly dense: Int32Array[] = [];
  private readonly sparse = new Map<number, number>();

  /** Span of the call, or -1. */
  get(process: number, correlationId: number): number {
    if (correlationId < DENSE_LIMIT) {
      const table = this.dense[process];
      return table && correlationId < table.length ? table[correlationId]! : -1;
    }
    return this.sparse.get(process * 4294967296 + correlationId) ?? -1;
  }

  set(process: number, correlationId: number, span: number): void {
    if (correlationId >= DENSE_LIMIT) {
      this.sparse.set(process * 4294967296 + correlationId, span);
      return;
    }
    let table = this.dense[process];
    if (!table || correlationId >= table.length) {
      const grown = new Int32Array(Math.max(1024, correlationId * 2, (table?.length ?? 0) * 2)).fill(-1);
      if (table) grown.set(table);
      this.dense[process] = table = grown;
    }
    table[correlationId] = span;
  }
}
