/**
 * DLA work is recognized as such. A TensorRT engine that runs on a Jetson's DLA names its DLA subgraph by
 * its members in braces and wraps it in copies; the GPU waits for the DLA inside the subgraph's output
 * reformatter, which a profile then shows as a "reformat" taking almost all of the time. The profile
 * below has the layer names of a GoogLeNet DLA engine as trtexec --exportProfile wrote them (the form of
 * build2/googlenet_mark_plans/profiles/googlenet_dla_mark_at_-1.profile in ismetdagli/HaX-CoNN @98593b6e,
 * whose repository has no licence, so its file is not copied here; the member list is shortened).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDlaSubgraphName, markDlaLayers } from '../../../electron/core/importers/trtexec-dla';
import { namesOnlyLayer } from '../../../electron/core/model/engine-layers';
import { summarizeEngine } from '../../../electron/core/analysis/engine-summary';
import { importTrtexecFiles } from '../../../electron/core/importers/grouping';
import { fixture, tempDir } from '../../helpers/fixtures';

const dir = tempDir('dla-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SUBGRAPH =
  '{conv1/7x7_s2,conv1/relu_7x7,pool1/3x3_s2,inception_5b/output,pool5/7x7_s1,loss3/classifier}';

function dlaProfile(): string {
  const rows = [
    ['data to nvm', 0.0361],
    [SUBGRAPH, 0.1576],
    ['data copy finish', 0.0172],
    [`${SUBGRAPH} output reformatter 0`, 3.3319],
    [`${SUBGRAPH} output to be reformatted 0 finish`, 0.0032],
    ['prob', 0.007],
  ] as const;
  const count = 1000;
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const records = rows.map(([name, averageMs]) => ({
    name,
    timeMs: averageMs * count,
    averageMs,
    percentage: (100 * averageMs) / total,
  }));
  const file = path.join(dir, 'googlenet_dla.profile.json');
  fs.writeFileSync(file, JSON.stringify([{ count }, ...records]));
  return file;
}

describe('DLA layers', () => {
  it('tells a DLA subgraph from a Myelin one', () => {
    expect(isDlaSubgraphName(SUBGRAPH)).toBe(true);
    expect(isDlaSubgraphName('{ForeignNode[/head/Constant_2_output_0.../Unsqueeze_2]}')).toBe(false);
    expect(isDlaSubgraphName('conv1 + relu1')).toBe(false);
  });

  it('a DLA profile: the subgraph, its copies and its output reformatter are DLA work, not reformats', () => {
    const { runs } = importTrtexecFiles([dlaProfile()]);
    const engine = runs[0]!.engine;
    expect(engine.layers.filter((l) => l.dla).map((l) => l.name)).toEqual([
      'data to nvm',
      SUBGRAPH,
      'data copy finish',
      `${SUBGRAPH} output reformatter 0`,
      `${SUBGRAPH} output to be reformatted 0 finish`,
    ]);
    expect(engine.layers.some((l) => l.reformat)).toBe(false);
    const summary = summarizeEngine('googlenet_dla', engine, runs[0]!.profile);
    expect(summary.reformatLayers).toBe(0);
    expect(summary.dlaLayers).toBe(5);
    expect(summary.dlaMs! / summary.layerSumMs!).toBeGreaterThan(0.99);
    expect(summary.topLayers[0]).toMatchObject({ name: `${SUBGRAPH} output reformatter 0`, type: 'DLA' });
  });

  it('layers the build log placed on the DLA are DLA work whatever their name', () => {
    const layers = [
      '{ForeignNode[a...b]}',
      'Reformatting CopyNode for Output Tensor 0 to {ForeignNode[a...b]}',
      'fc',
    ].map(namesOnlyLayer);
    expect(markDlaLayers(layers, ['{ForeignNode[a...b]}'])).toBe(2);
    expect(layers.map((l) => [l.dla ?? false, l.reformat])).toEqual([
      [true, false],
      [true, false],
      [false, false],
    ]);
  });

  it('GPU engines have no DLA layers: GoogLeNet on a Jetson GPU, YOLO QAT on Orin (Myelin subgraphs)', () => {
    const gpu = importTrtexecFiles([fixture('trtexec', 'legacy__googlenet_gpu.profile.json')]);
    const yolo = importTrtexecFiles([
      fixture('trtexec', 'yolo_qat_orin.layer_info.json'),
      fixture('trtexec', 'yolo_qat_orin.profile.json'),
    ]);
    for (const { runs } of [gpu, yolo]) expect(runs[0]!.engine.layers.filter((l) => l.dla)).toEqual([]);
    expect(summarizeEngine('gpu', gpu.runs[0]!.engine, gpu.runs[0]!.profile).reformatLayers).toBe(19);
  });
});
