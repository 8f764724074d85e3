/**
 * What the model is, in cards: inputs and outputs with their shapes, parameters, FLOPs, bytes moved,
 * nodes, opsets, producer, and the device whose ceilings judge compute- vs memory-bound (a picker).
 * FLOPs and bytes say "unknown" (or "at least") when shapes leave nodes uncosted.
 */
import type { Model, TensorInfo } from '../../../../electron/core/model/types';
import type { CostCoverage } from '../../../../electron/core/model/cost-coverage';
import { shapeText } from '../../../../electron/core/model/shape-text';
import { formatBytes, formatCount, formatUnit } from '../../../../electron/core/model/units';
import { DevicePicker } from './DevicePicker';

function Tensors({ tensors }: { tensors: TensorInfo[] }) {
  return (
    <ul className="tensor-list">
      {tensors.map((tensor) => (
        <li key={tensor.name}>
          <span className="tensor-name" title={tensor.name}>
            {tensor.name}
          </span>{' '}
          <span className="tensor-type">
            {tensor.dtype} {shapeText(tensor.shape)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function costFigure(value: string, coverage: CostCoverage): { value: string; note?: string } {
  if (coverage.state === 'unknown') return { value: 'unknown', note: 'shapes unknown' };
  if (coverage.state === 'partial')
    return { value: `≥ ${value}`, note: `${coverage.costed} of ${coverage.nodes} nodes costed` };
  return { value };
}

function Card({ term, value, note, wide }: { term: string; value: string; note?: string; wide?: boolean }) {
  return (
    <div className={wide ? 'card wide' : 'card'}>
      <dt>{term}</dt>
      <dd>
        {value}
        {note && <span className="card-note">{note}</span>}
      </dd>
    </div>
  );
}

export function SummaryCards({ model, coverage }: { model: Model; coverage: CostCoverage }) {
  const opsets = model.opsets.map((opset) => `${opset.domain || 'ai.onnx'} ${opset.version}`).join(', ');
  const flops = costFigure(formatUnit(model.totals.flops, 'FLOPs'), coverage);
  const bytes = costFigure(formatBytes(model.totals.bytesMoved), coverage);
  const producer = `${model.producer.name} ${model.producer.version}`.trim() || 'not recorded';
  return (
    <section className="summary" aria-label="Model summary">
      <dl className="cards">
        <div className="card io-card">
          <dt>Inputs ({model.inputs.length})</dt>
          <dd>
            <Tensors tensors={model.inputs} />
          </dd>
        </div>
        <div className="card io-card">
          <dt>Outputs ({model.outputs.length})</dt>
          <dd>
            <Tensors tensors={model.outputs} />
          </dd>
        </div>
        <Card
          term="Parameters"
          value={formatCount(model.parameterCount)}
          note={formatBytes(model.parameterBytes)}
        />
        <Card term="FLOPs" value={flops.value} note={flops.note} />
        <Card term="Bytes moved" value={bytes.value} note={bytes.note} />
        <Card
          term="Nodes"
          value={String(model.nodes.length)}
          note={`${model.initializers.length} initializers`}
        />
        <Card term="Opsets" value={opsets} note={`IR ${model.irVersion}`} />
        <Card term="Producer" value={producer} />
        <div className="card device-card">
          <dt>
            <label htmlFor="device-picker">Device for the bound</label>
          </dt>
          <dd>
            <DevicePicker model={model} />
            <span className="card-note">{model.ceilings.source} ceilings</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
