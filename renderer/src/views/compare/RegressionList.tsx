/** Where a lower precision lost, ranked by time lost, each with its reasons and a link to the layer. */
import { useState } from 'react';
import { ms, ratio } from '../../components/format';
import { useSelectionStore } from '../../store/selection-store';
import type { RankedRegression } from '../../../../electron/core/model/views/comparison';

const SHOWN = 6;

export function RegressionList({ regressions }: { regressions: RankedRegression[] }) {
  const [all, setAll] = useState(false);
  const select = useSelectionStore((state) => state.select);
  const shown = all ? regressions : regressions.slice(0, SHOWN);
  return (
    <section className="regressions" aria-label="Regressions">
      <h3>Regressions ({regressions.length})</h3>
      {regressions.length === 0 && (
        <p className="note">No lower-precision layer is slower than its higher-precision counterpart.</p>
      )}
      <ol>
        {shown.map((r) => (
          <li key={`${r.rank}`} className="regression" data-testid="regression">
            <div className="regression-head">
              {r.wholeEngine ? (
                <strong>whole engine</strong>
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => select({ layer: r.rowKey })}
                  title="Select this layer"
                >
                  {r.rowKey}
                </button>
              )}
              <span className="regression-delta">
                {r.slower} slower than {r.faster} by {ms(r.deltaMs)} ({ratio(r.ratio)})
              </span>
            </div>
            <ul className="reasons">
              {r.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {regressions.length > SHOWN && (
        <button type="button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${regressions.length}`}
        </button>
      )}
    </section>
  );
}
