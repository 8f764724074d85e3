import { describe, expect, it } from 'vitest';
import {
  findDevice,
  knownDevices,
  resolveCeilings,
  ridgePoint,
} from '../../../electron/core/onnx/device-ceilings';

describe('device ceilings', () => {
  it('has the datasheet rows the roofline needs, all positive', () => {
    const names = knownDevices().map((d) => d.name);
    for (const expected of ['H200', 'H100 SXM', 'A100', 'L4', 'RTX 4090', 'Orin', 'T4']) {
      expect(names.some((n) => n.includes(expected))).toBe(true);
    }
    for (const d of knownDevices()) {
      expect(d.source).toBe('datasheet');
      expect(Math.min(d.fp32Tflops, d.fp16Tflops, d.int8Tops, d.dramGBps)).toBeGreaterThan(0);
      expect(d.int8Tops).toBeGreaterThan(d.fp16Tflops); // INT8 Tensor Core peak doubles FP16 everywhere listed
    }
  });

  it('finds rows by what users type and by what CUDA reports', () => {
    expect(findDevice('h100')?.dramGBps).toBe(3350);
    expect(findDevice('NVIDIA H100 80GB HBM3')?.name).toBe('NVIDIA H100 SXM');
    expect(findDevice('NVIDIA H100 PCIe')?.dramGBps).toBe(2000);
    expect(findDevice('NVIDIA A100-SXM4-80GB')?.fp16Tflops).toBe(312);
    expect(findDevice('NVIDIA GeForce RTX 4090')?.fp32Tflops).toBe(82.6);
    expect(findDevice('Tesla T4')?.int8Tops).toBe(130);
    expect(findDevice('NVIDIA L4')?.name).toBe('NVIDIA L4');
    expect(findDevice('NVIDIA L40S')?.name).toBe('NVIDIA L40S'); // longest alias wins over "l4"
    expect(findDevice('Orin')?.dramGBps).toBe(204.8);
    expect(findDevice('Radeon')).toBeUndefined();
  });

  it('parses user overrides and pure numbers, and rejects nonsense', () => {
    expect(resolveCeilings('orin,bw=102.4')).toMatchObject({
      source: 'user',
      dramGBps: 102.4,
      fp16Tflops: 42.5,
    });
    expect(resolveCeilings('fp32=10,fp16=100,int8=200,bw=500')).toEqual({
      name: 'user',
      source: 'user',
      fp32Tflops: 10,
      fp16Tflops: 100,
      int8Tops: 200,
      dramGBps: 500,
    });
    expect(resolveCeilings().name).toBe('NVIDIA H200 SXM');
    expect(() => resolveCeilings('mi300')).toThrow(/unknown device/);
    expect(() => resolveCeilings('fp32=10')).toThrow(/give fp16, int8, bw/);
    expect(() => resolveCeilings('h100,bw=-1')).toThrow(/positive number/);
    expect(() => resolveCeilings('h100,flops=3')).toThrow(/unknown key/);
  });

  it('ridge point = peak / bandwidth', () => {
    const h200 = resolveCeilings('h200');
    expect(ridgePoint(h200, 'fp16')).toBeCloseTo(989.5e12 / 4.8e12, 9);
    expect(ridgePoint(h200, 'int8')).toBeCloseTo(1979e12 / 4.8e12, 9);
    expect(ridgePoint(h200, 'fp32')).toBeCloseTo(67e12 / 4.8e12, 9);
  });
});
