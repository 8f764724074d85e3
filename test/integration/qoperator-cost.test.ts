/**
 * A QOperator INT8 model (QLinearConv, QLinearAdd, QLinearConcat... in com.microsoft, and ORT's NCHWc
 * layout ops) is costed by static inference as ONNX Runtime runs it: every tensor's shape equals the one
 * measured by running it, no node is left uncosted, and its FLOPs are those of the float model. The
 * model is made here the way users get one: the studio's INT8 Q/DQ variant of MobileNetV2 and
 * YOLOX-Nano, saved by ONNX Runtime after its "all" graph optimizations.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { captureShapes } from '../../electron/core/backends/shape-capture';
import { costHeadline } from '../../electron/core/model/cost-headline';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { readOnnx } from '../../electron/core/onnx/reader';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { loadCalibrationSource } from '../../electron/core/pipeline/input-source';
import { makeInt8Variant } from '../../electron/core/precision/int8-qdq';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import { fixture, tempDir } from '../helpers/fixtures';

const dir = tempDir('qoperator-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CASES: { name: string; shapes: Record<string, number[]>; image: object }[] = [
  { name: 'mobilenet_v2_128_0.5', shapes: { 'input_1:0': [1, 3, 128, 128] }, image: {} },
  {
    name: 'yolox_nano_416',
    shapes: {},
    image: { scale: 1, resize: 'letterbox', letterboxAnchor: 'top-left', channelOrder: 'bgr' },
  },
];

/** The studio's INT8 Q/DQ variant, then ONNX Runtime's optimized (QOperator + NCHWc) save of it. */
async function qoperatorModel(
  name: string,
  shapes: Record<string, number[]>,
  image: object,
): Promise<string> {
  const source = readOnnx(fixture('models', `${name}.onnx`));
  const calibration = loadCalibrationSource(
    `images:${fixture('images', 'coco-calib')}`,
    modelInputs(source),
    { image, limit: 2, shapes },
  );
  const ranges = await collectRanges(source, calibration, { method: 'minmax' }, () => {});
  const qdq = path.join(dir, `${name}.int8.onnx`);
  writeOnnx(makeInt8Variant(source, ranges, { target: 'onnxruntime' }).model, qdq);
  const optimized = path.join(dir, `${name}.int8.qoperator.onnx`);
  const session = await ort.InferenceSession.create(qdq, {
    optimizedModelFilePath: optimized,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  await session.release();
  return optimized;
}

describe.each(CASES)('QOperator $name', ({ name, shapes, image }) => {
  it('static shapes equal the measured ones, every node costed, FLOPs those of the float model', async () => {
    const file = await qoperatorModel(name, shapes, image);
    const ops = new Set(readOnnx(file).graph.nodes.map((n) => `${n.domain}:${n.opType}`));
    expect(ops).toContain('com.microsoft:QLinearConv');
    expect(ops).toContain('com.microsoft.nchwc:Conv');

    const model = inspectModel(file, { shapes });
    const measured = await captureShapes(readOnnx(file), { shapes });
    const differing = Object.entries(measured).filter(
      ([tensor, m]) => JSON.stringify(model.tensors[tensor]?.shape) !== JSON.stringify(m.dims),
    );
    expect(differing.map(([tensor]) => tensor)).toEqual([]);

    const headline = costHeadline(model);
    expect(headline.unknownShapeNodes).toBe(0);
    expect(headline.flopsUnknownNodes).toBe(0);
    expect(headline.caveats).toEqual([]);
    const float = inspectModel(fixture('models', `${name}.onnx`), { shapes });
    // Quantize/dequantize arithmetic and NCHWc channel padding add a little; nothing is missing.
    const ratio = headline.flops / float.totals.flops;
    console.log(
      `${name}: QOperator ${(headline.flops / 1e6).toFixed(2)} MFLOPs, float ${(float.totals.flops / 1e6).toFixed(2)} MFLOPs`,
    );
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.1);
  }, 120_000);
});
