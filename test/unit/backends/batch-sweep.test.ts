/** The batch sweep says why a model exported with batch 1 cannot run larger batches, naming the Reshapes. */
import { describe, expect, it } from 'vitest';
import { batchFoldingReshapes } from '../../../electron/core/backends/batch-override';
import { OnnxRuntimeBackend } from '../../../electron/core/backends/onnxruntime';
import type { Variant } from '../../../electron/core/model/types';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { fixture } from '../../helpers/fixtures';

const variant: Variant = {
  id: 'fp32',
  precision: 'fp32',
  modelSha256: '',
  recipe: {},
  keptHigherPrecision: [],
  notes: [],
};

describe('batch sweep on a graph that folds its batch', () => {
  it('finds the channel-shuffle Reshapes with fixed leading sizes (FastestDet), none in YOLOX', () => {
    const folding = batchFoldingReshapes(readOnnx(fixture('models', 'fastestdet_352.onnx')));
    // 13 ShuffleNet channel shuffles, each a Reshape to [C/2, 2, H*W] and one to [2, -1, C/2, H, W]
    // (read off the graph listing): 26, the first [24, 2, 1936] (48 channels of 44x44).
    expect(folding).toHaveLength(26);
    expect(folding[0]).toEqual({ node: 'Reshape_13', target: [24, 2, 1936] });
    // YOLOX's only constant Reshape target starts with the batch of 1, which the sweep rewrites.
    expect(batchFoldingReshapes(readOnnx(fixture('models', 'yolox_nano_416.onnx')))).toEqual([]);
  });

  it("stops at batch 2 and names the cause instead of only ORT's error", async () => {
    const backend = new OnnxRuntimeBackend();
    const engine = await backend.prepare(
      variant,
      fixture('models', 'fastestdet_352.onnx'),
      { threads: 2 },
      () => {},
    );
    try {
      const { profile } = await backend.profile(
        engine,
        { iterations: 2, warmupIterations: 1, perLayer: false, batchSweep: [1, 2] },
        () => {},
      );
      expect(profile.batchSweep!.map((p) => p.batch)).toEqual([1]);
      const warning = profile.warnings.find((w) => w.startsWith('batch sweep stopped'));
      expect(warning).toMatch(
        /^batch sweep stopped at batch 2: .*Reshape_13 reshapes to the constant \[24, 2, 1936\]; .*24 more Reshapes like them: the export folded its batch/,
      );
    } finally {
      await backend.release(engine);
    }
  });
});
