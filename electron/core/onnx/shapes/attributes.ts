/** Typed access to a node's attributes, with the ONNX default when an attribute is absent. */
import type { OnnxAttribute, OnnxNode, OnnxTensor } from '../graph';

function find(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

export function intAttr(node: OnnxNode, name: string, fallback: number): number;
export function intAttr(node: OnnxNode, name: string): number | undefined;
export function intAttr(node: OnnxNode, name: string, fallback?: number): number | undefined {
  const attribute = find(node, name);
  return attribute?.type === 'int' ? attribute.value : fallback;
}

export function intsAttr(node: OnnxNode, name: string): number[] | undefined {
  const attribute = find(node, name);
  return attribute?.type === 'ints' ? attribute.value : undefined;
}

export function floatAttr(node: OnnxNode, name: string, fallback: number): number {
  const attribute = find(node, name);
  return attribute?.type === 'float' ? attribute.value : fallback;
}

export function floatsAttr(node: OnnxNode, name: string): number[] | undefined {
  const attribute = find(node, name);
  return attribute?.type === 'floats' ? attribute.value : undefined;
}

export function stringAttr(node: OnnxNode, name: string, fallback: string): string {
  const attribute = find(node, name);
  return attribute?.type === 'string' ? attribute.value : fallback;
}

export function tensorAttr(node: OnnxNode, name: string): OnnxTensor | undefined {
  const attribute = find(node, name);
  return attribute?.type === 'tensor' ? attribute.value : undefined;
}
