/** Nodes kept in higher precision, grouped by reason for the Variants section. */
import { describe, expect, it } from 'vitest';
import { keptByReason } from '../../../electron/core/model/kept-precision';

describe('keptByReason', () => {
  it('groups nodes by reason, largest group first, nodes in the order given, unnamed ones said so', () => {
    const stem = 'network stem (kept in float for accuracy)';
    const head = 'output layer (kept in float for accuracy)';
    const groups = keptByReason({
      keptHigherPrecision: [
        { node: 'head/Conv', reason: head },
        { node: 'stem/Conv', reason: stem },
        { node: '', reason: stem },
        { node: 'stem/Conv_1', reason: stem },
      ],
    });
    expect(groups).toEqual([
      { reason: stem, nodes: ['stem/Conv', '(unnamed node)', 'stem/Conv_1'] },
      { reason: head, nodes: ['head/Conv'] },
    ]);
    expect(keptByReason({ keptHigherPrecision: [] })).toEqual([]);
  });
});
