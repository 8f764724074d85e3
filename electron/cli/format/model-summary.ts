/** The readable summary `trt-studio inspect` prints for a canonical Model. */
import type { Lint, Model, TensorInfo } from '../../core/model/types';
import { shapeText } from '../../core/model/shape-text';
import { costHeadline, type CostHeadline } from '../../core/model/cost-headline';
import { formatBytes, formatCount, formatPercent, formatUnit, table } from '../../core/model/units';

function tensorLine(t: TensorInfo): string {
  return `  ${t.name}  ${t.dtype}  ${shapeText(t.shape)}`;
}

function topOps(model: Model, by: 'flops' | 'bytes', limit = 8): string {
  const total = by === 'flops' ? model.totals.flops : model.totals.bytesMoved;
  const rows = [...model.opTypeCosts]
    .filter((o) => o[by] > 0)
    .sort((a, b) => b[by] - a[by])
    .slice(0, limit)
    .map((o) => [
      o.opType,
      String(o.count),
      by === 'flops' ? formatUnit(o.flops, 'FLOP') : formatBytes(o.bytes),
      total > 0 ? formatPercent(o[by] / total) : '-',
    ]);
  return table(['op', 'nodes', by === 'flops' ? 'FLOPs' : 'bytes', 'share'], rows, ['l', 'r', 'r', 'r']);
}

function lintBlock(lint: Lint): string {
  const nodes =
    lint.nodes.length > 4
      ? `${lint.nodes.slice(0, 4).join(', ')} (+${lint.nodes.length - 4} more)`
      : lint.nodes.join(', ');
  const lines = [`  [${lint.severity}] ${lint.id}: ${lint.message}`];
  if (nodes) lines.push(`      nodes: ${nodes}`);
  lines.push(`      why: ${lint.why}`);
  if (lint.fix) lines.push(`      fix: ${lint.fix}`);
  return lines.join('\n');
}

/** The totals line, then what they leave out and the fix, before anything else is read. */
export function formatCostHeadline(model: Model, headline: CostHeadline = costHeadline(model)): string[] {
  const folded = headline.foldedNodes > 0 ? `; ${headline.foldedNodes} folded at build time` : '';
  const lines = [
    `  ${formatUnit(headline.flops, 'FLOPs')}, ${formatBytes(headline.bytesMoved)} moved; ` +
      `${headline.memoryBoundNodes} of ${headline.costedNodes} costed nodes memory-bound on ${model.ceilings.name} ` +
      `(${model.ceilings.source})${folded}`,
  ];
  for (const caveat of headline.caveats) lines.push(`  ! ${caveat}`);
  if (headline.fix) lines.push(`    fix: ${headline.fix}`);
  return lines;
}

export function formatModelSummary(model: Model): string {
  const opsets = model.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ');
  const out = [
    `${model.source.path}`,
    `  IR ${model.irVersion}, opsets: ${opsets}; producer: ${model.producer.name} ${model.producer.version}`.trimEnd(),
    `  ${model.nodes.length} nodes, ${model.initializers.length} initializers; parameters ${formatCount(model.parameterCount)} (${formatBytes(model.parameterBytes)})`,
    ...formatCostHeadline(model),
    '',
    'Inputs:',
    ...model.inputs.map(tensorLine),
    'Outputs:',
    ...model.outputs.map(tensorLine),
    '',
    'Top ops by FLOPs:',
    topOps(model, 'flops'),
    '',
    'Top ops by bytes moved:',
    topOps(model, 'bytes'),
  ];
  if (model.unknownShapeNodes.length > 0) {
    const names = model.unknownShapeNodes;
    out.push(
      '',
      `Shapes unknown for ${names.length} node(s) (not costed): ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}`,
    );
  }
  const subgraphs = Object.entries(model.subgraphs);
  if (subgraphs.length > 0) {
    out.push('', 'Nested graphs (listed, not costed):');
    for (const [owner, graphs] of subgraphs) {
      for (const g of graphs) out.push(`  ${owner} -> ${g.name || '(unnamed)'}: ${g.nodeCount} nodes`);
    }
  }
  out.push('', model.lints.length > 0 ? `Lints (${model.lints.length}):` : 'Lints: none');
  for (const lint of model.lints) out.push(lintBlock(lint));
  return out.join('\n');
}
