/**
 * The precision API (FP16 and INT8 Q/DQ variants of an ONNX model). Calibration inputs come from
 * pipeline/ (loadCalibrationSource, modelInputs) and the ranges measured by execution from profiling/
 * (collectRanges, rankLayerSensitivity):
 *
 *   const model = readOnnx('model.onnx');
 *   const { model: fp16, variant } = makeFp16Variant(model, { keepIoFp32: true });
 *   const source = loadCalibrationSource('images:calib/', modelInputs(model), { image: { channelOrder: 'bgr' } });
 *   const ranges = await collectRanges(model, source, { method: 'entropy' }, progress, signal);
 *   writeCalibrationCache('model.calib.json', ranges);          // reusable, hand-editable
 *   const { model: int8 } = makeInt8Variant(model, ranges, { target: 'tensorrt' });
 *   writeOnnx(int8, 'model.int8.onnx');
 *
 * Variants come back as OnnxModel (write them with writeOnnx / encodeOnnx) plus the canonical Variant
 * record (keptHigherPrecision lists nodes left in FP32 and why; notes say what was done).
 */
export { makeFp16Variant, type Fp16Options, type Fp16Result } from './fp16';
export { makeInt8Variant, WEIGHTED_OPS, FLOW_OPS, type Int8Options, type Int8Result } from './int8-qdq';
export { type CalibrationMethod, type CalibrationRanges, type TensorRange } from './calibration-ranges';
export { readCalibrationCache, writeCalibrationCache } from './calibration-cache';
export { upgradeOpset } from './opset-upgrade';
export { exposeIntermediates } from '../onnx/expose-intermediates';
export { keepMostSensitive, type SensitivityRow, type SensitivityMode } from './keep-sensitive';
