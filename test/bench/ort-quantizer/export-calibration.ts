/**
 * Writes, for ONNX Runtime's own quantizer, the calibration tensors the studio makes from coco-calib
 * (the same pre-processing, the same images, the same order) and each model's ONNX file, so that
 * quantize_static.py calibrates on exactly what the studio's INT8 variant was calibrated on.
 *
 * Layout: OUT/<model>/model.onnx, OUT/<model>/manifest.json ({ inputs: [{ name, dtype, dims }], samples }),
 * OUT/<model>/<sample>.<input>.bin (raw little-endian values).
 *
 * Run: node bin/run-ts.mjs test/bench/ort-quantizer/export-calibration.ts --out DIR [--models a,b] [--calib-limit 48]
 */
import fs from 'node:fs';
import path from 'node:path';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { loadCalibrationSource } from '../../../electron/core/pipeline/input-source';
import { modelInputs } from '../../../electron/core/pipeline/model-inputs';
import { CALIB_IMAGES, benchModelFile, modelsNamed } from '../quantize-models';
import { option } from '../bench-options';

const out = path.resolve(option('out', 'ort-quantizer-data'));
const limit = Number(option('calib-limit', '48'));

for (const model of modelsNamed(option('models', ''))) {
  const dir = path.join(out, model.name);
  fs.mkdirSync(dir, { recursive: true });
  const file = benchModelFile(model, dir);
  if (path.resolve(file) !== path.join(dir, 'model.onnx'))
    fs.copyFileSync(file, path.join(dir, 'model.onnx'));
  const onnx = readOnnx(file);
  const source = loadCalibrationSource(CALIB_IMAGES, modelInputs(onnx), {
    image: model.image,
    inputs: model.inputs,
    limit,
  });
  let samples = 0;
  let inputs: { name: string; dtype: string; dims: number[] }[] = [];
  for await (const sample of source.samples()) {
    inputs = Object.entries(sample.feeds).map(([name, t]) => ({ name, dtype: t.dtype, dims: t.dims }));
    for (const [name, tensor] of Object.entries(sample.feeds)) {
      const bytes = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
      fs.writeFileSync(path.join(dir, `${samples}.${name}.bin`), bytes);
    }
    samples++;
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ inputs, samples }, null, 2));
  console.log(`${model.name}: ${samples} calibration samples written to ${dir}`);
}
