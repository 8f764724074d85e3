/** Lints about the graph as a whole: ops outside the ONNX domain, dynamic inputs, unknown shapes. */
import type { Lint } from '../../model/types';
import { exampleShapeSpec, RUN_SHAPES_HINT } from '../../model/cost-headline';
import type { LintInput } from './lint-input';
import { listSome } from './lint-input';

const DOMAIN_NOTES: Record<string, string> = {
  'com.microsoft': 'ONNX Runtime contrib ops',
  'ai.onnx.ml': 'classical ML ops',
};

function customDomainLints(input: LintInput): Lint[] {
  const byDomain = new Map<string, { nodes: string[]; ops: Set<string> }>();
  input.graph.nodes.forEach((node, index) => {
    if (node.domain === '' || node.domain === 'ai.onnx') return;
    const entry = byDomain.get(node.domain) ?? { nodes: [], ops: new Set() };
    entry.nodes.push(input.nodeNames[index]);
    entry.ops.add(node.opType);
    byDomain.set(node.domain, entry);
  });
  return [...byDomain.entries()].map(([domain, entry]) => ({
    id: 'custom-domain',
    severity: 'warning',
    nodes: entry.nodes,
    message: `${entry.nodes.length} node(s) in domain "${domain}"${DOMAIN_NOTES[domain] ? ` (${DOMAIN_NOTES[domain]})` : ''}: ${listSome([...entry.ops])}`,
    why: 'TensorRT parses only the default ONNX domain; other ops need a TensorRT plugin or the build fails.',
    fix: 'Export with standard ONNX ops (no runtime-specific fusions), or provide a TensorRT plugin for these ops.',
  }));
}

function dynamicInputLints(input: LintInput): Lint[] {
  return input.dynamicInputs.map(({ name, shape }) => ({
    id: 'dynamic-input-no-shape',
    severity: 'warning',
    nodes: [],
    message: `input "${name}" has ${shape ? `shape [${shape.map((d) => d ?? '?').join(', ')}]` : 'no shape'} and none was given: costs downstream are not counted`,
    why: 'FLOPs, bytes and TensorRT optimization profiles need concrete dimensions; symbolic ones are left unknown rather than guessed.',
    fix: `Give the shape you deploy with: --shape ${exampleShapeSpec(name, shape)}; then ${RUN_SHAPES_HINT} for any node still unknown.`,
  }));
}

function unknownShapeLints(input: LintInput): Lint[] {
  if (input.unknownShapeNodes.length === 0) return [];
  const names = input.unknownShapeNodes.map((i) => input.nodeNames[i]);
  return [
    {
      id: 'unknown-shapes',
      severity: 'info',
      nodes: names,
      message: `${names.length} node(s) have output shapes that could not be inferred: ${listSome(names)}`,
      why: 'Their FLOPs and bytes are left out of the totals rather than guessed.',
      fix:
        input.dynamicInputs.length > 0
          ? `Set the dynamic inputs (${input.dynamicInputs.map((d) => `--shape ${exampleShapeSpec(d.name, d.shape)}`).join(' ')}), then ${RUN_SHAPES_HINT} for any still unknown.`
          : `${RUN_SHAPES_HINT}.`,
    },
  ];
}

export function graphLints(input: LintInput): Lint[] {
  return [...customDomainLints(input), ...dynamicInputLints(input), ...unknownShapeLints(input)];
}
