/**
 * The comparison of the session's engines (FP32, FP16, INT8...): the baseline, what to know first, the
 * variant cards, the regressions, the selected layer, the aligned layer table with its filters, the
 * layers that did not align, and the charts. Everything shown is computed by core.
 */
import { useMemo } from 'react';
import { AnalysisState } from '../../components/AnalysisState';
import { useAnalysisStore, useSessionAnalysis } from '../../store/analysis-store';
import { useSelectionStore } from '../../store/selection-store';
import { CompareCharts } from './CompareCharts';
import { ComparisonTable } from './ComparisonTable';
import { LayerDetail } from './LayerDetail';
import { RegressionList } from './RegressionList';
import { UnalignedList } from './UnalignedList';
import { VariantCards } from './VariantCards';
import '../../components/panels.css';
import './compare.css';

function BaselinePicker({ labels, current, reason }: { labels: string[]; current: string; reason: string }) {
  const setBaseline = useAnalysisStore((state) => state.setBaseline);
  return (
    <label className="baseline-picker">
      Baseline{' '}
      <select value={current} onChange={(event) => setBaseline(event.target.value)} data-testid="baseline">
        {labels.map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </select>{' '}
      <span className="note">{reason}</span>
    </label>
  );
}

export function CompareView() {
  const { analysis, loading, error } = useSessionAnalysis('comparison');
  const selected = useSelectionStore((state) => state.layer);
  const view = analysis?.comparison;
  const selectedRow = useMemo(() => view?.rows.find((row) => row.key === selected) ?? null, [view, selected]);
  if (!analysis) return <AnalysisState loading={loading} error={error} />;
  if (!view) return <p className="hint">This session holds fewer than two engines: nothing to compare.</p>;
  const allLabels = [...view.labels].sort();
  return (
    <div className="compare-view">
      <div className="view-head">
        <h2>Compare {view.labels.length} variants</h2>
        <BaselinePicker
          labels={allLabels}
          current={analysis.baseline.label}
          reason={analysis.baseline.reason}
        />
      </div>
      {analysis.notes.length > 0 && (
        <ul className="plain-notes" aria-label="Before you read">
          {analysis.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <VariantCards cards={view.cards} />
      {view.sameModel ? (
        <>
          <p className="alignment-line" data-testid="alignment-line">
            {view.alignment.matched} of {view.alignment.rows} rows aligned in every variant;{' '}
            {view.alignment.rows - view.alignment.matched} not (listed below with the reason).
          </p>
          <div className="compare-columns">
            <RegressionList regressions={view.regressions} />
            <LayerDetail row={selectedRow} labels={view.labels} />
          </div>
          <ComparisonTable labels={view.shortLabels} rows={view.rows} types={view.layerTypes} />
          <UnalignedList layers={view.unaligned} />
        </>
      ) : (
        <p className="plain-notes single" data-testid="different-models">
          Layers are not compared across different models: the table, the regressions and the slowest-layer
          bars are left out.
        </p>
      )}
      <CompareCharts view={view} />
      {view.warnings.length > analysis.notes.length && (
        <details className="comparison-warnings">
          <summary>{view.warnings.length - analysis.notes.length} more notes on the comparison</summary>
          <ul>
            {view.warnings.slice(analysis.notes.length).map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
