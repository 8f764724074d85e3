/** The selected aligned layer in every variant: what it is, what it cost, how it ran, why it regressed. */
import { DASH, metric, ms, ratio, upper } from '../../components/format';
import type { ComparisonRow } from '../../../../electron/core/model/views/comparison';

export function LayerDetail({ row, labels }: { row: ComparisonRow | null; labels: string[] }) {
  if (!row)
    return (
      <p className="layer-detail empty">
        Select a layer (in the table, a chart or the roofline) to see it in every variant.
      </p>
    );
  return (
    <section className="layer-detail" aria-label="Selected layer" data-testid="layer-detail">
      <h3>
        {row.key}{' '}
        <span className="matched">
          ({row.matchedBy === 'unmatched' ? 'not aligned' : `aligned by ${row.matchedBy}`})
        </span>
      </h3>
      {row.note && <p className="note">{row.note}</p>}
      <div className="layer-detail-grid">
        {row.cells.map((cell, e) => (
          <div key={labels[e]} className="layer-detail-cell">
            <h4>{labels[e]}</h4>
            {!cell ? (
              <p className="absent">no such layer in this variant</p>
            ) : (
              <dl>
                <dt>layer</dt>
                <dd>{cell.layerName}</dd>
                <dt>type</dt>
                <dd>{cell.layerType}</dd>
                <dt>time</dt>
                <dd>
                  {ms(cell.timeMs)}
                  {e > 0 && cell.speedup !== null ? ` (${ratio(cell.speedup)} the baseline's speed)` : ''}
                </dd>
                <dt>precision</dt>
                <dd>
                  {upper(cell.inputPrecision)} in, {upper(cell.outputPrecision)} out
                </dd>
                <dt>formats</dt>
                <dd>
                  {cell.inputFormat ?? 'not given'} → {cell.outputFormat ?? 'not given'}
                </dd>
                <dt>tactic</dt>
                <dd>
                  {cell.tactic ?? DASH}
                  {cell.tensorCores === true
                    ? ' (Tensor Cores)'
                    : cell.tensorCores === false
                      ? ' (no Tensor Cores)'
                      : ''}
                </dd>
                <dt>ONNX nodes</dt>
                <dd>
                  {cell.originNodes.length > 0 ? cell.originNodes.join(', ') : 'not given by the source'}
                </dd>
                <dt>error</dt>
                <dd>
                  {cell.error
                    ? `1 - cosine ${metric(1 - cell.error.cosine, 'error')}, max abs ${metric(cell.error.maxAbsError, 'error')}`
                    : e === 0
                      ? 'the reference'
                      : 'not measured'}
                </dd>
              </dl>
            )}
          </div>
        ))}
      </div>
      {row.regression && (
        <div className="layer-detail-regression">
          <strong>
            {labels[row.regression.slowerEngine]} is slower than {labels[row.regression.fasterEngine]} here by{' '}
            {ms(row.regression.deltaMs)} ({ratio(row.regression.ratio)}):
          </strong>
          <ul>
            {row.regression.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
