/**
 * Node execution order: producers before consumers, otherwise the file's order. ONNX requires graphs
 * to be sorted, but exporters and hand edits sometimes break it. Nodes in a cycle come last.
 */
import type { OnnxNode } from '../graph';

export function topologicalOrder(nodes: OnnxNode[]): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((node, index) => node.outputs.forEach((name) => name && producer.set(name, index)));
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const cyclic: number[] = [];
  for (let root = 0; root < nodes.length; root++) {
    if (state[root]) continue;
    const stack: { index: number; next: number }[] = [{ index: root, next: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const inputs = nodes[frame.index].inputs;
      if (frame.next < inputs.length) {
        const dependency = producer.get(inputs[frame.next++]);
        if (dependency === undefined || dependency === frame.index) continue;
        if (state[dependency] === 0) {
          state[dependency] = 1;
          stack.push({ index: dependency, next: 0 });
        } else if (state[dependency] === 1) {
          cyclic.push(frame.index);
        }
        continue;
      }
      stack.pop();
      state[frame.index] = 2;
      order.push(frame.index);
    }
  }
  if (cyclic.length === 0) return order;
  const inCycle = new Set(cyclic);
  return [...order.filter((i) => !inCycle.has(i)), ...order.filter((i) => inCycle.has(i))];
}
