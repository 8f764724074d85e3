/**
 * The area selection's aggregate per name, under the timeline: count, total, mean, min, max and share,
 * longest total first.
 */
import type { AreaAggregate } from '../../../../electron/core/model/timeline-data';
import { formatDurationNs } from '../../../../electron/core/model/units';

const SHOWN = 300;

export function AggregateTable({
  aggregate,
  range,
  onClose,
}: {
  aggregate: AreaAggregate | null;
  range: { startNs: number; endNs: number; tracks: number };
  onClose(): void;
}) {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <section aria-label="Selection aggregate" className="timeline-aggregate">
      <p className="timeline-aggregate-head">
        <span className="muted" data-testid="area-summary">
          Selection: {formatDurationNs(range.endNs - range.startNs)} on {plural(range.tracks, 'track')}
          {aggregate &&
            `: ${plural(aggregate.spanCount, 'span')}, ${formatDurationNs(aggregate.totalNs)} in all`}
        </span>
        <button type="button" aria-label="Clear the selection" onClick={onClose}>
          ×
        </button>
      </p>
      {!aggregate && <p className="muted">Adding up the selection...</p>}
      {aggregate && (
        <table className="compact">
          <colgroup>
            <col />
            <col style={{ width: 70 }} />
            <col style={{ width: 90 }} />
            <col style={{ width: 90 }} />
            <col style={{ width: 90 }} />
            <col style={{ width: 90 }} />
            <col style={{ width: 60 }} />
          </colgroup>
          <thead>
            <tr>
              <th>Name</th>
              <th>Count</th>
              <th>Total</th>
              <th>Mean</th>
              <th>Min</th>
              <th>Max</th>
              <th>Share</th>
            </tr>
          </thead>
          <tbody>
            {aggregate.rows.slice(0, SHOWN).map((row) => (
              <tr key={row.name} data-name={row.name} data-count={row.count} data-total-ns={row.totalNs}>
                <td className="name" title={row.name}>
                  {row.name}
                </td>
                <td className="num">{row.count}</td>
                <td className="num">{formatDurationNs(row.totalNs)}</td>
                <td className="num">{formatDurationNs(row.meanNs)}</td>
                <td className="num">{formatDurationNs(row.minNs)}</td>
                <td className="num">{formatDurationNs(row.maxNs)}</td>
                <td className="num">{row.sharePercent.toFixed(1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {aggregate && aggregate.rows.length > SHOWN && (
        <p className="muted">{aggregate.rows.length - SHOWN} more names</p>
      )}
    </section>
  );
}
