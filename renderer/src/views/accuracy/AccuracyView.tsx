/**
 * Accuracy of every variant against the reference: what it was judged on, the variants under the
 * user's threshold, per output the metrics that fit it, the task's figures, and the per-layer error
 * curve with the first jump, linked to the layer.
 */
import { ErrorCurveChart } from '../../charts/ErrorCurveChart';
import { AnalysisState } from '../../components/AnalysisState';
import { percent } from '../../components/format';
import { useSessionAnalysis } from '../../store/analysis-store';
import { usePreferencesStore } from '../../store/preferences-store';
import { useSelectionStore } from '../../store/selection-store';
import { OutputMetrics } from './OutputMetrics';
import '../../components/panels.css';
import './accuracy.css';

function ThresholdInput() {
  const threshold = usePreferencesStore((state) => state.accuracyThreshold);
  const setThreshold = usePreferencesStore((state) => state.setAccuracyThreshold);
  return (
    <label className="threshold">
      Flag a variant under{' '}
      <input
        type="number"
        min={0}
        max={1}
        step={0.001}
        value={threshold}
        onChange={(event) => {
          const value = Number(event.target.value);
          if (event.target.value !== '' && Number.isFinite(value) && value >= 0 && value <= 1)
            setThreshold(value);
        }}
        data-testid="accuracy-threshold"
      />
    </label>
  );
}

export function AccuracyView() {
  const { analysis, loading, error } = useSessionAnalysis('accuracy');
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const view = analysis?.accuracy;
  if (!analysis) return <AnalysisState loading={loading} error={error} />;
  if (!view) return <p className="hint">This session holds no accuracy results.</p>;
  const colorIndex = view.curves.map((curve) => view.variants.findIndex((v) => v.label === curve.label));
  return (
    <div className="accuracy-view">
      <div className="view-head">
        <h2>Accuracy against {view.variants[0]?.label}</h2>
        <ThresholdInput />
      </div>
      <p className="judged-on" data-testid="judged-on">
        Judged on {view.judgedOn?.description ?? 'inputs not recorded'}.
      </p>
      {view.flagged.length > 0 && (
        <ul className="plain-notes" aria-label="Under the threshold" data-testid="accuracy-flagged">
          {view.flagged.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <section className="accuracy-headlines" aria-label="Accuracy per variant">
        {view.variants.map((v) => (
          <div
            key={v.label}
            className={`accuracy-headline${v.headline?.belowThreshold ? ' below' : ''}`}
            data-testid="accuracy-variant"
          >
            <h3>{v.label}</h3>
            {v.headline ? (
              <p>
                {v.headline.label}{' '}
                <strong>
                  {v.headline.kind === 'cosine' ? v.headline.value.toFixed(6) : percent(v.headline.value, 2)}
                </strong>
              </p>
            ) : (
              <p className="absent">{v.missing}</p>
            )}
          </div>
        ))}
      </section>
      <OutputMetrics view={view} />
      <section className="error-curve" aria-label="Per-layer error">
        <h3>Per-layer error</h3>
        {view.curves.length === 0 ? (
          <p className="chart-missing">
            No per-layer comparison in this session: run the profile job with per-layer accuracy to see where
            the error grows.
          </p>
        ) : (
          <>
            <ErrorCurveChart
              curves={view.curves}
              colorIndex={colorIndex}
              selected={selected}
              onSelect={(key) => select({ layer: key })}
            />
            <ul className="first-jumps">
              {view.curves.map((curve) => (
                <li key={curve.label}>
                  <strong>{curve.label}:</strong>{' '}
                  {curve.firstJump ? (
                    <>
                      the error first jumps at{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => select({ layer: curve.firstJump!.rowKey ?? curve.firstJump!.node })}
                        data-testid="first-jump"
                      >
                        {curve.firstJump.node}
                      </button>{' '}
                      (cosine {curve.firstJump.cosine.toFixed(6)}, layer {curve.firstJump.index + 1} of{' '}
                      {curve.points.length})
                    </>
                  ) : (
                    `no layer makes the error jump (${curve.points.length} layers compared)`
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
