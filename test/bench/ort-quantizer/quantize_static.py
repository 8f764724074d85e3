"""ONNX Runtime's own post-training quantizer on the studio's calibration tensors, for the side-by-side
in test/bench/quantize.ts (--ort-int8 DIR).

For each OUT/<model>/ written by export-calibration.ts: quantize_static with QDQ format, per-channel
weights, MinMax calibration and every op type ORT quantizes (op_types_to_quantize left empty), once
with uint8 activations (U8S8, what ORT's documentation recommends on x86-64) and once with int8
activations (S8S8, quantize_static's default). Writes OUT/<model>.ort-<u8s8|s8s8>.onnx, each with a
.json beside it (wall time, options, ORT version).

Needs Python with onnxruntime, onnx and numpy (PyPI, or Debian trixie's python3-onnxruntime 1.21).
Run: python3 test/bench/ort-quantizer/quantize_static.py OUT
"""
import json
import os
import sys
import time

# Debian's onnx and onnxruntime share one libonnx: onnx.reference must build its schema table before
# onnxruntime registers its own schemas into it, or it stops on the duplicate names.
import onnx.reference  # noqa: F401
import numpy as np
import onnx
import onnxruntime
from onnxruntime.quantization import CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType, quantize_static

DTYPES = {'float32': np.float32, 'float16': np.float16, 'int64': np.int64, 'int32': np.int32,
          'int8': np.int8, 'uint8': np.uint8, 'bool': np.bool_}


class StudioTensors(CalibrationDataReader):
    """Yields the samples export-calibration.ts wrote, in its order."""

    def __init__(self, folder):
        with open(os.path.join(folder, 'manifest.json')) as f:
            manifest = json.load(f)
        self.folder = folder
        self.inputs = manifest['inputs']
        self.samples = manifest['samples']
        self.next = 0

    def get_next(self):
        if self.next >= self.samples:
            return None
        feeds = {}
        for spec in self.inputs:
            path = os.path.join(self.folder, f"{self.next}.{spec['name']}.bin")
            feeds[spec['name']] = np.fromfile(path, dtype=DTYPES[spec['dtype']]).reshape(spec['dims'])
        self.next += 1
        return feeds

    def rewind(self):
        self.next = 0


def model_at_opset_13(folder):
    """Per-channel DequantizeLinear needs opset 13: older exports (YOLOX's is opset 11) are converted first,
    as ORT's quantization guide advises; quantize_static itself would write an invalid model."""
    source = os.path.join(folder, 'model.onnx')
    model = onnx.load(source)
    opset = next(o.version for o in model.opset_import if o.domain in ('', 'ai.onnx'))
    if opset >= 13:
        return source, opset
    converted = os.path.join(folder, 'model-opset13.onnx')
    onnx.save(onnx.version_converter.convert_version(model, 13), converted)
    return converted, opset


def main(out):
    for name in sorted(os.listdir(out)):
        folder = os.path.join(out, name)
        if not os.path.isfile(os.path.join(folder, 'manifest.json')):
            continue
        source, opset = model_at_opset_13(folder)
        for label, activations in (('u8s8', QuantType.QUInt8), ('s8s8', QuantType.QInt8)):
            target = os.path.join(out, f'{name}.ort-{label}.onnx')
            start = time.perf_counter()
            quantize_static(source, target, StudioTensors(folder),
                            quant_format=QuantFormat.QDQ, per_channel=True,
                            calibrate_method=CalibrationMethod.MinMax,
                            activation_type=activations, weight_type=QuantType.QInt8)
            seconds = time.perf_counter() - start
            record = {'seconds': seconds, 'onnxruntime': onnxruntime.__version__, 'label': label.upper(),
                      'options': f'QDQ, per-channel, MinMax, all op types, {label.upper()}'
                      + ('' if opset >= 13 else f', converted from opset {opset} to 13 first')}
            with open(target.replace('.onnx', '.json'), 'w') as f:
                json.dump(record, f)
            print(f'{name}: quantize_static {label.upper()} in {seconds:.2f} s -> {target}')


if __name__ == '__main__':
    main(sys.argv[1])
