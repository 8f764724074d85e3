/**
 * The engine report of one variant (TREx's report card): summary, time by layer type, precision,
 * tactics, every layer with its memory, and the lints with their fixes.
 */
import { PrecisionMixChart } from '../../charts/PrecisionMixChart';
import { TypeBarsChart } from '../../charts/TypeBarsChart';
import { AnalysisState } from '../../components/AnalysisState';
import { useSelectedVariant, VariantPicker } from '../../components/VariantPicker';
import { rowKeyOf, useSessionAnalysis } from '../../store/analysis-store';
import { useSelectionStore } from '../../store/selection-store';
import { LintList } from '../model/LintList';
import { EngineLayerTable } from './EngineLayerTable';
import { EngineSummary } from './EngineSummary';
import { TacticTable } from './TacticTable';
import '../../components/panels.css';
import './engine.css';

const TACTICS_SHOWN = 10;

export function EngineView() {
  const { analysis, loading, error } = useSessionAnalysis('reports');
  const current = useSelectedVariant(analysis?.engines ?? []);
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const report = analysis?.reports?.[current];
  if (!analysis || !report) return <AnalysisState loading={loading} error={error} />;
  const selectedName =
    report.layers.find((layer) => rowKeyOf(analysis, layer.name) === selected)?.name ?? null;
  const timed = report.summary.layerSumMs !== null;
  return (
    <div className="engine-view">
      <div className="view-head">
        <h2>Engine report: {report.label}</h2>
        <VariantPicker engines={analysis.engines} current={current} />
      </div>
      <EngineSummary report={report} />
      <section className="engine-charts" aria-label="Engine charts">
        {timed ? (
          <TypeBarsChart
            title="Time by layer type"
            bars={report.byType.map((t) => ({
              name: t.type,
              timeMs: t.timeMs ?? 0,
              share: t.share,
              detail: `${t.layers} layers`,
            }))}
            testId="chart-engine-types"
          />
        ) : (
          <p className="chart-missing">Time by layer type: this run has no per-layer profile.</p>
        )}
        <PrecisionMixChart labels={[report.label]} shares={[report.byPrecision]} by="layers" />
        <PrecisionMixChart labels={[report.label]} shares={[report.byPrecision]} by="time" />
      </section>
      {timed && report.tactics.length > 0 && <TacticTable tactics={report.tactics} shown={TACTICS_SHOWN} />}
      <section className="engine-layers" aria-label="Layers">
        <h3>Layers ({report.layers.length})</h3>
        <EngineLayerTable
          layers={report.layers}
          selectedName={selectedName}
          onSelect={(row) => select({ layer: rowKeyOf(analysis, row.name) })}
        />
      </section>
      <LintList lints={report.lints} />
      {report.unmappedModelLints.length > 0 && (
        <p className="note">
          {report.unmappedModelLints.length} model lint(s) are about ONNX nodes no layer of this engine holds
          (fused away or renamed).
        </p>
      )}
    </div>
  );
}
