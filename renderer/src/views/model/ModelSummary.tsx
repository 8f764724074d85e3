/** What the model is: its file, I/O with shapes, parameters, FLOPs and bytes moved. */
import type { Dim, Model, TensorInfo } from '../../../../electron/core/model/types';
import { formatBytes, formatCount, formatUnit } from '../../../../electron/core/model/units';

function shapeText(shape: Dim[] | null): string {
  if (!shape) return '?';
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

function TensorTable({ caption, tensors }: { caption: string; tensors: TensorInfo[] }) {
  return (
    <table className="tensors">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>name</th>
          <th>dtype</th>
          <th>shape</th>
        </tr>
      </thead>
      <tbody>
        {tensors.map((tensor) => (
          <tr key={tensor.name}>
            <td>{tensor.name}</td>
            <td>{tensor.dtype}</td>
            <td className="shape">{shapeText(tensor.shape)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelSummary({ model }: { model: Model }) {
  const opsets = model.opsets.map((opset) => `${opset.domain || 'ai.onnx'} ${opset.version}`).join(', ');
  const facts: [string, string][] = [
    ['Parameters', `${formatCount(model.parameterCount)} (${formatBytes(model.parameterBytes)})`],
    ['FLOPs', formatUnit(model.totals.flops, 'FLOPs')],
    ['Bytes moved', formatBytes(model.totals.bytesMoved)],
    ['Nodes', String(model.nodes.length)],
    ['Opsets', opsets],
    ['Producer', `${model.producer.name} ${model.producer.version}`.trim() || '-'],
    ['Ceilings', `${model.ceilings.name} (${model.ceilings.source})`],
  ];
  return (
    <section className="summary" aria-label="Model summary">
      <h2 title={model.source.path}>{model.source.path}</h2>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="io">
        <TensorTable caption="Inputs" tensors={model.inputs} />
        <TensorTable caption="Outputs" tensors={model.outputs} />
      </div>
      {model.unknownShapeNodes.length > 0 && (
        <p className="note">
          Shapes unknown for {model.unknownShapeNodes.length} node(s); they are not costed. Set the dynamic
          input shapes to cost them.
        </p>
      )}
    </section>
  );
}
