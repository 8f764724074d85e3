import { describe, expect, it } from 'vitest';
import { costCoverage } from '../../../electron/core/model/cost-coverage';
import { inspectModel } from '../../../electron/core/onnx/inspect-model';
import { fixture } from '../../helpers/fixtures';

const MOBILENET = fixture('models', 'mobilenet_v2_128_0.5.onnx');

describe('costCoverage', () => {
  it('says the costs of a model with an unset dynamic batch are unknown, naming the input and dimension', () => {
    const model = inspectModel(MOBILENET);
    expect(model.totals.flops).toBe(0);
    const coverage = costCoverage(model);
    expect(coverage).toMatchObject({ state: 'unknown', costed: 0, uncosted: model.nodes.length });
    expect(coverage.dynamicInputs).toEqual([{ name: 'input_1:0', dims: ['unk__150', 3, 128, 128] }]);
    expect(coverage.headline).toBe(
      'FLOPs and bytes unknown because the shapes are: input "input_1:0" has dynamic dimension 0 ("unk__150"); set it to cost the model.',
    );
  });

  it('has no headline once the batch is set and every node is costed', () => {
    const coverage = costCoverage(inspectModel(MOBILENET, { shapes: { 'input_1:0': [1, 3, 128, 128] } }));
    expect(coverage).toMatchObject({ state: 'complete', uncosted: 0, dynamicInputs: [], headline: null });
  });

  it('counts the costed share when only some shapes are known (DistilBERT without its sequence length)', () => {
    const model = inspectModel(fixture('models', 'tiny_distilbert_sst2_optimum.onnx'));
    const coverage = costCoverage(model);
    const costed = model.costs.filter((cost) => cost !== null).length;
    expect(coverage.state).toBe('partial');
    expect(coverage.costed).toBe(costed);
    expect(coverage.headline).toContain(`FLOPs and bytes count ${costed} of ${model.nodes.length} nodes`);
    expect(coverage.headline).toContain('"input_ids" has dynamic dimensions 0 ("batch"), 1 ("sequence")');
  });
});
