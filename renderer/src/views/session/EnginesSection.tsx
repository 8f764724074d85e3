/**
 * The engines (built, or imported from trtexec / ONNX Runtime / nsys): backend and version,
 * precision, device, build options, warnings, and every layer with its type, precision, tactic and
 * the ONNX nodes it came from (a virtualized table: engines have thousands of layers).
 */
import type { Engine, EngineLayer } from '../../../../electron/core/model/types';
import { formatBytes, formatMs } from '../../../../electron/core/model/units';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { useSelectionStore } from '../../store/selection-store';
import { fileName } from '../../store/session-store';
import { SessionItem } from './SessionItem';
import { SessionSection, type SectionProps } from './SessionSection';

const LAYER_COLUMNS: DataColumn<EngineLayer>[] = [
  { id: 'name', header: 'Layer', value: (layer) => layer.name, width: 'minmax(200px, 3fr)' },
  { id: 'type', header: 'Type', value: (layer) => layer.type, width: 'minmax(110px, 1fr)' },
  { id: 'precision', header: 'Precision', value: (layer) => layer.precision, width: '84px' },
  {
    id: 'tactic',
    header: 'Tactic / kernel',
    value: (layer) => layer.tacticName ?? null,
    width: 'minmax(140px, 2fr)',
  },
  {
    id: 'origin',
    header: 'ONNX nodes',
    description: 'The ONNX nodes this layer came from',
    value: (layer) => layer.originNodes.join(', ') || null,
    width: 'minmax(140px, 2fr)',
  },
  {
    id: 'flags',
    header: 'Notes',
    value: (layer) =>
      [
        layer.fused && 'fused',
        layer.reformat && 'added reformat',
        layer.tensorCores === true && 'Tensor Cores',
      ]
        .filter(Boolean)
        .join(', ') || null,
    width: 'minmax(110px, 1fr)',
  },
];

function facts(engine: Engine): string {
  const parts = [
    `${engine.backend}${engine.backendVersion ? ` ${engine.backendVersion}` : ''}`,
    engine.precision,
    engine.device?.name,
    `${engine.layers.length} layers (${engine.detail === 'detailed' ? 'with formats and tactics' : 'names only'})`,
    engine.buildTimeMs !== undefined ? `built in ${formatMs(engine.buildTimeMs)} ms` : undefined,
    engine.sizeBytes !== undefined ? formatBytes(engine.sizeBytes) : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

function EngineDetail({ engine }: { engine: Engine }) {
  const layer = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const options = Object.entries(engine.buildOptions);
  return (
    <>
      {engine.files.length > 0 && <p className="mono">from {engine.files.map(fileName).join(', ')}</p>}
      {options.length > 0 && (
        <p>
          build options:{' '}
          {options.map(([key, value]) => (
            <span key={key} className="tag">
              {key}={String(value)}
            </span>
          ))}
        </p>
      )}
      {engine.warnings.length > 0 && (
        <ul className="warnings">
          {engine.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {(engine.foldedLayers?.length ?? 0) > 0 && (
        <p className="note">
          {engine.foldedLayers!.length} layers that do no work (NoOp, Constant, ...) folded on import.
        </p>
      )}
      <DataTable
        label={`Layers of ${engine.id}`}
        rows={engine.layers}
        columns={LAYER_COLUMNS}
        rowKey={(row) => row.name}
        height={Math.min(360, 28 * Math.max(engine.layers.length, 3) + 4)}
        selectedKey={layer}
        onSelect={(row) => select({ layer: row.name, variant: engine.variantId ?? engine.id })}
      />
    </>
  );
}

export function EnginesSection({ session, sectionRef }: SectionProps) {
  return (
    <SessionSection
      id="engines"
      title="Engines"
      count={session.engines.length}
      sectionRef={sectionRef}
      empty="No engines: a run builds one per precision; trtexec layer info, ONNX Runtime profiles and nsys exports opened from Home bring theirs."
    >
      <ul className="item-list">
        {session.engines.map((engine) => (
          <SessionItem key={engine.id} title={engine.id} text={facts(engine)}>
            {() => <EngineDetail engine={engine} />}
          </SessionItem>
        ))}
      </ul>
    </SessionSection>
  );
}
