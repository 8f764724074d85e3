/** `trt-studio doctor` here: addon loaded, no device, TensorRT missing with how to get it, no nsys. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { doctorReport } from '../../../electron/core/backends/doctor-report';
import { TENSORRT_HOW_TO } from '../../../electron/core/backends/tensorrt-availability';
import { formatDoctor } from '../../../electron/cli/commands/doctor';
import { runCli } from '../../helpers/cli';

const gpuPresent = fs.existsSync('/dev/nvidia0');

describe.skipIf(gpuPresent)('doctor without a GPU', () => {
  it('reports what the build has and how to get TensorRT', async () => {
    const report = await doctorReport();
    expect(report.native.loaded).toBe(true);
    expect(report.tensorrt.available).toBe(false);
    expect(report.tensorrt.reason).toMatch(/TensorRT is not compiled into the native addon/);
    expect(report.tensorrt.howToGet).toBe(TENSORRT_HOW_TO);
    const tensorrt = report.backends.find((b) => b.name === 'tensorrt');
    expect(tensorrt).toMatchObject({ available: false, howToGet: TENSORRT_HOW_TO });
    expect(report.backends.find((b) => b.name === 'onnxruntime')).toMatchObject({ available: true });
    const text = formatDoctor(report);
    expect(text).toMatch(/^native addon: loaded/);
    expect(text).toMatch(/CUPTI: {5}yes/);
    expect(text).toMatch(/TensorRT: {2}no: TensorRT not found at build time/);
    expect(text).toMatch(/devices: none \(no CUDA device/);
    expect(text).toContain('set TENSORRT_ROOT');
    expect(report.ceilings).toBeUndefined();
  });

  it('--ceilings without a device reports why it cannot measure', async () => {
    const report = await doctorReport({ measureDevice: 0 });
    expect(report.ceilings?.error).toMatch(/no CUDA device/);
    expect(formatDoctor(report)).toMatch(/ceilings of GPU 0: cannot measure: no CUDA device/);
  });

  it('`doctor --ceilings` that cannot measure exits 1 and says why on stderr, after the report', () => {
    const result = runCli(['doctor', '--ceilings', '--gpu', '0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ceilings of GPU 0: cannot measure: no CUDA device/m);
    expect(result.stderr.trim()).toMatch(
      /^trt-studio: cannot measure the ceilings of GPU 0: no CUDA device: .+$/,
    );
  });
});
