/**
 * The roofline of the session's variants: each timed layer's arithmetic intensity against the FLOP/s
 * it reached, under the roofs of each precision for the chosen device (measured when the native addon
 * measured that device, datasheet otherwise, labelled which). Clicking a point selects its layer.
 */
import { useMemo, useState } from 'react';
import { chooseCeilings, rooflineOf } from '../../../../electron/core/analysis/roofline';
import { knownDevices, normalizeDeviceName } from '../../../../electron/core/onnx/device-ceilings';
import { RooflineChart } from '../../charts/RooflineChart';
import { useComparedSession } from '../../store/comparison-store';
import { usePreferencesStore } from '../../store/preferences-store';
import { useSelectionStore } from '../../store/selection-store';
import { useSessionStore } from '../../store/session-store';
import { RooflinePoints, type LabelledPoint } from './RooflinePoints';
import '../../components/panels.css';
import './roofline.css';

const DEVICES = knownDevices();

export function RooflineView() {
  const compared = useComparedSession();
  const model = useSessionStore((state) => state.session?.model);
  const preferred = usePreferencesStore((state) => state.device);
  const setPreferred = usePreferencesStore((state) => state.setDevice);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const items = compared?.engines?.items;
  const engineDevice =
    items?.find((item) => item.engine.device?.computeCapability)?.engine.device?.name ?? null;
  const roofline = useMemo(() => {
    if (!compared || !items) return null;
    const measured = model?.ceilings.source === 'measured' ? [model.ceilings] : [];
    const device = chooseCeilings({
      device: chosen ?? (engineDevice ? null : preferred),
      engineDevice,
      measured,
    });
    return rooflineOf(items, compared.engines!.labels, device, { model, rowKeyOf: compared.rowKeyOf });
  }, [compared, items, model, chosen, engineDevice, preferred]);
  const points = useMemo<LabelledPoint[]>(
    () =>
      roofline && items
        ? roofline.points.map((p) => ({
            ...p,
            label: items[p.variant]!.label,
            id: `${p.variant}|${p.layerName}`,
          }))
        : [],
    [roofline, items],
  );
  if (!compared || !items || !roofline) return <p className="hint">This session holds no engine.</p>;
  const selectedPoint = points.find((p) => p.rowKey === selected)?.id ?? null;
  const current = normalizeDeviceName(roofline.ceilings.device.name);
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
              setChosen(value);
              if (value) setPreferred(value);
            }}
            data-testid="roofline-device"
          >
            <option value="">
              {engineDevice ? `where the engines ran (${engineDevice})` : `your default (${preferred})`}
            </option>
            {DEVICES.map((device) => (
              <option key={device.name} value={normalizeDeviceName(device.name)}>
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
      <RooflineChart
        labels={compared.engines!.labels}
        roofline={roofline}
        selected={selected}
        onSelect={(key) => select({ layer: key })}
      />
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
      <p className="note" hidden={current === ''}>
        Achieved FLOP/s = the layer&apos;s FLOPs over its mean time; intensity = FLOPs over the bytes of its
        own tensors (and weights) at its own types. FP32 layers on Tensor Cores (TF32 kernels) are judged
        against the TF32 roof, half the FP16 Tensor Core rate.
      </p>
    </div>
  );
}
