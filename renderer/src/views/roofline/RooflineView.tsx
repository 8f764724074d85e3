/**
 * The roofline of the session's variants: each timed layer's arithmetic intensity against the FLOP/s
 * it reached, under the roofs of each precision for the chosen device (measured when the native addon
 * measured that device, datasheet otherwise, labelled which). Clicking a point selects its layer.
 */
import { useMemo } from 'react';
import { RooflineChart, type Roof, type RooflinePoint } from '../../charts/RooflineChart';
import { siCompact } from '../../charts/chart-parts';
import { percent } from '../../components/format';
import { AnalysisState } from '../../components/AnalysisState';
import { useAnalysisStore, useSessionAnalysis } from '../../store/analysis-store';
import { usePreferencesStore } from '../../store/preferences-store';
import { useSelectionStore } from '../../store/selection-store';
import { RooflinePoints, type LabelledPoint } from './RooflinePoints';
import '../../components/panels.css';
import './roofline.css';

export function RooflineView() {
  const { analysis, loading, error } = useSessionAnalysis('roofline');
  const chosen = useAnalysisStore((state) => state.device);
  const setChosen = useAnalysisStore((state) => state.setDevice);
  const preferred = usePreferencesStore((state) => state.device);
  const setPreferred = usePreferencesStore((state) => state.setDevice);
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const roofline = analysis?.roofline;
  const labels = useMemo(() => analysis?.engines.map((engine) => engine.label) ?? [], [analysis]);
  const points = useMemo<LabelledPoint[]>(
    () =>
      roofline?.points.map((p) => ({ ...p, label: labels[p.variant]!, id: `${p.variant}|${p.layerName}` })) ??
      [],
    [roofline, labels],
  );
  const chart = useMemo(() => {
    if (!roofline) return null;
    const names = { fp32: 'FP32', tf32: 'TF32', fp16: 'FP16', int8: 'INT8' } as const;
    const roofs: Roof[] = roofline.ceilings.roofs
      .filter((roof) => roofline.drawnRoofs.includes(roof.precision))
      .map((roof) => ({
        label: `${names[roof.precision]} ${siCompact(roof.peak, roof.precision === 'int8' ? 'OP/s' : 'FLOP/s')}`,
        peakFlopsPerSec: roof.peak,
        bytesPerSec: roofline.ceilings.bandwidth,
      }));
    const drawn: RooflinePoint[] = points.map((p) => ({
      group: p.label,
      layer: p.layerName,
      layerType: p.layerType,
      intensity: p.intensity,
      flopsPerSec: p.achieved,
      timeMs: p.timeMs,
      key: p.rowKey,
      detail: `${names[p.roof]} roof, ${p.bound}-bound, ${percent(p.efficiency)} of the roof; cost from the ${p.costSource}`,
    }));
    const main = roofline.ceilings.roofs.find((roof) => roof.precision === roofline.mainRoof);
    const memoryBound = main
      ? { ridge: main.ridge, label: `memory-bound (left of the ${names[main.precision]} ridge)` }
      : null;
    return { roofs, points: drawn, memoryBound };
  }, [roofline, points]);
  if (!analysis) return <AnalysisState loading={loading} error={error} />;
  if (!roofline || !chart) return <p className="hint">No engine of this session has per-layer times.</p>;
  const selectedPoint = points.find((p) => p.rowKey === selected)?.id ?? null;
  const fallback = analysis.engineDevice
    ? `where the engines ran (${analysis.engineDevice})`
    : `your default (${preferred})`;
  return (
    <div className="roofline-view">
      <div className="view-head">
        <h2>Roofline</h2>
        <label>
          Device{' '}
          <select
            value={chosen ?? ''}
            onChange={(event) => {
              const value = event.target.value || null;
              setChosen(value ?? (analysis.engineDevice ? null : preferred));
              if (value) setPreferred(value);
            }}
            data-testid="roofline-device"
          >
            <option value="">{fallback}</option>
            {analysis.devices.map((device) => (
              <option key={device.key} value={device.key}>
                {device.name}
              </option>
            ))}
          </select>
        </label>
        <span className="ceilings-label" data-testid="ceilings-label">
          roofs: {roofline.ceilings.label}
          {roofline.ceilings.device.source === 'datasheet' ? ' (no measured ceilings for this device)' : ''}
        </span>
      </div>
      {roofline.notes.length > 0 && (
        <ul className="plain-notes" aria-label="Before you read">
          {roofline.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {points.length === 0 ? (
        <p className="chart-missing">
          No layer has both a time and a known cost, so there is no roofline to draw.
        </p>
      ) : (
        <RooflineChart
          title={`Roofline (${roofline.ceilings.label})`}
          points={chart.points}
          roofs={chart.roofs}
          groups={labels}
          selected={selected}
          onSelect={(key) => select({ layer: key })}
          memoryBound={chart.memoryBound}
          height={520}
          testId="chart-roofline"
        />
      )}
      <ul className="roofline-coverage" data-testid="roofline-coverage">
        {roofline.coverage.map((c) => (
          <li key={c.label}>
            <strong>{c.label}:</strong> {c.points} layers drawn
            {c.withoutCost > 0
              ? `; ${c.withoutCost} timed layers without known FLOPs (reformats, copies, ops the cost model does not know)`
              : ''}
            {c.untimed > 0 ? `; ${c.untimed} without a time` : ''}
          </li>
        ))}
      </ul>
      <section className="roofline-table" aria-label="Roofline points">
        <h3>Points ({points.length})</h3>
        <RooflinePoints
          points={points}
          selectedId={selectedPoint}
          onSelect={(point) => select({ layer: point.rowKey })}
        />
      </section>
      <p className="note">
        Achieved FLOP/s = the layer&apos;s FLOPs over its mean time; intensity = FLOPs over the bytes of its
        own tensors (and weights) at its own types. FP32 layers on Tensor Cores (TF32 kernels) are judged
        against the TF32 roof, half the FP16 Tensor Core rate.
      </p>
    </div>
  );
}
