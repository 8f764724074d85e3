/**
 * The engine layers a trtexec console log prints, read from logs trtexec wrote (NVIDIA's cookbook runs
 * on an H100 with TensorRT 10.16 and an RTX 3090 with TensorRT 8.6: test/fixtures-local/trtexec, see its
 * PROVENANCE.md), checked against the `--exportLayerInfo` JSON of the same run.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTrtexecFiles } from '../../../electron/core/importers/grouping';
import { parseLayerInfoJson } from '../../../electron/core/importers/trtexec-layer-info';
import { engineFromLog, parseTrtexecLog } from '../../../electron/core/importers/trtexec-log';
import { layersOfLog } from '../../../electron/core/importers/trtexec-log-layers';
import { localFixture } from '../../helpers/fixtures';

const file = (name: string) => localFixture('trtexec', name);
const text = (name: string) => fs.readFileSync(file(name), 'utf8');
const logEngine = (name: string) => engineFromLog(parseTrtexecLog(text(name), file(name)), file(name))!;

describe('trtexec console log: layer information', () => {
  it('--dumpLayerInfo (detailed) gives the very layers of the --exportLayerInfo JSON of the same run', () => {
    const fromLog = logEngine('trt10.16-fp32.layer-info.log');
    const fromJson = parseLayerInfoJson(text('trt10.16-fp32.graph.json'), file('trt10.16-fp32.graph.json'));
    expect(fromLog.detail).toBe('detailed');
    expect(fromLog.layers).toHaveLength(9);
    // Every field: names, types, tactics, each input's and output's dims and format, ONNX origins, details.
    expect(fromLog.layers).toEqual(fromJson.layers);
    expect(fromLog.bindings).toEqual(['x', 'y', 'z']);
    expect(fromLog.bindings).toEqual(fromJson.bindings);
    const conv = fromLog.layers[0]!;
    expect(conv).toMatchObject({
      name: 'node_conv2d + node_relu',
      type: 'CaskConvolution',
      precision: 'fp32',
      tacticValue: '0x5b8bf1b8028629d9',
      originNodes: ['node_conv2d', 'node_relu'],
    });
    expect(conv.inputs[0]).toMatchObject({
      name: 'x',
      dims: [1, 1, 28, 28],
      format: 'Float',
      location: 'Device',
    });
  });

  it('a --verbose build (TensorRT 10) gives each layer with its tactic and the type and layout of every tensor', () => {
    const engine = logEngine('trt10.16-fp16.build.log');
    expect(engine.layers.map((l) => `${l.type}: ${l.name}`)).toEqual([
      'Myelin: {ForeignNode[node_conv2d...node_relu]}',
      'CaskPooling: node_max_pool2d',
      'Reformat: Reformatting CopyNode for Input Tensor 0 to {ForeignNode[node_conv2d_1...node_relu_1]}',
      'Myelin: {ForeignNode[node_conv2d_1...node_relu_1]}',
      'CaskPooling: node_max_pool2d_1',
      'Myelin: {ForeignNode[gemm2.bias + ONNXTRT_Broadcast_4...ONNXTRT_castHelper_9]}',
    ]);
    const reformat = engine.layers[2]!;
    expect(reformat.reformat).toBe(true);
    expect(reformat.inputs[0]).toMatchObject({ dims: [-1, 32, 14, 14], dtype: 'float32', format: 'Float' });
    expect(reformat.outputs[0]).toMatchObject({
      dims: [-1, 32, 14, 14],
      dtype: 'float16',
      format: 'Half, dim 1 vectorized by 8',
    });
    expect(engine.layers[1]!.tacticValue).toBe('0xdd39499496c9cc38');
    expect(engine.layers[5]!.outputs.map((t) => `${t.name} ${t.dtype}`)).toEqual(['y float32', 'z int64']);
    expect(engine.precision).toBe('fp16');
  });

  it('a --verbose build (TensorRT 8.6) names the same layers as the names-only list and JSON of the engine it built', () => {
    const build = logEngine('trt8.6-fp16.build.log');
    const loaded = logEngine('trt8.6-fp16.log');
    const json = parseLayerInfoJson(text('trt8.6-fp16.graph.json'), file('trt8.6-fp16.graph.json'));
    const allNames = [...build.layers, ...(build.foldedLayers ?? [])].map((layer) => layer.name);
    expect(loaded.detail).toBe('names-only');
    expect(loaded.layers.map((l) => l.name)).toEqual(json.layers.map((l) => l.name));
    expect(new Set(allNames)).toEqual(new Set(json.layers.map((l) => l.name)));
    expect(build.foldedLayers?.map((l) => l.type)).toEqual(['NoOp', 'NoOp', 'NoOp', 'NoOp', 'NoOp']);
    expect(loaded.bindings).toEqual(['tensor-0', 'tensor-15']);
    const conv = build.layers.find((l) => l.name === 'Conv-4 + ReLU-5')!;
    expect(conv).toMatchObject({
      type: 'CaskConvolution',
      precision: 'fp16',
      tacticValue: '0x33120137a10b68b1',
    });
    expect(conv.outputs[0]!.format).toBe('Half, dim 1 vectorized by 8');
  });

  it('import groups a run and takes the more detailed layers: the build log over the names-only JSON', () => {
    const files = ['trt8.6-fp16.build.log', 'trt8.6-fp16.log', 'trt8.6-fp16.graph.json'].map(file);
    const { runs } = importTrtexecFiles(files);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.engine.detail).toBe('detailed');
    expect(run.engine.precision).toBe('fp16');
    expect(run.profile?.throughputQps).toBe(20565.7);
    expect(run.warnings.join('\n')).not.toMatch(/other layers/);
  });

  it('import of a log with a --dumpProfile table and the build log of its engine: layers and per-layer times', () => {
    const { runs } = importTrtexecFiles(['trt10.16-fp16.build.log', 'trt10.16-fp16.profile.log'].map(file));
    expect(runs).toHaveLength(1);
    const { engine, profile } = runs[0]!;
    expect(engine.layers).toHaveLength(6);
    expect(profile?.iterations).toBe(18362);
    expect(profile?.layers).toHaveLength(15);
    expect(profile?.layers[1]).toMatchObject({ name: 'node_conv2d_myl0_1', percentage: 12.7 });
    expect(profile?.layers[1]!.stats.meanMs).toBe(0.0105);
  });

  it('reads the form TensorRT 8.2-8.5 printed: name[Float(1,32,14,14)]', () => {
    // Lines 29-31 of NVIDIA/trt-samples-for-hackathon-cn @4d79f4f1 (Apache-2.0), cookbook/09-BestPractice/
    // ConvertTranposeMultiplicationToConvolution/result-GTX1070.md: a verbose log of a GTX 1070 build.
    const { information } = layersOfLog([
      '[05/09/2022-06:10:37] [TRT] [V] Engine Layer Information:',
      'Layer(CaskConvolution): ConvN, Tactic: -37215280111360163, inputTensor[Float(-6,256,-8,19)] -> ConvV[Float(-6,256,-8,1)]',
      'Layer(Shuffle): SqueezeN + TransposeN, Tactic: 0, ConvV[Float(-6,256,-8,1)] -> TransposeV[Float(-6,-8,256)]',
    ]);
    expect(information?.layers).toEqual([
      {
        Name: 'ConvN',
        LayerType: 'CaskConvolution',
        Inputs: [{ Name: 'inputTensor', Dimensions: [-6, 256, -8, 19], 'Format/Datatype': 'Float' }],
        Outputs: [{ Name: 'ConvV', Dimensions: [-6, 256, -8, 1], 'Format/Datatype': 'Float' }],
        TacticValue: '-37215280111360163',
      },
      {
        Name: 'SqueezeN + TransposeN',
        LayerType: 'Shuffle',
        Inputs: [{ Name: 'ConvV', Dimensions: [-6, 256, -8, 1], 'Format/Datatype': 'Float' }],
        Outputs: [{ Name: 'TransposeV', Dimensions: [-6, -8, 256], 'Format/Datatype': 'Float' }],
        TacticValue: '0',
      },
    ]);
  });
});
