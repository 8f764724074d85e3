import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioProblem } from '../../helpers/problems';
import { loadCalibrationSource, type CalibrationSample } from '../../../electron/core/pipeline/input-source';
import type { ModelInput } from '../../../electron/core/pipeline/model-inputs';
import { parseNpy } from '../../../electron/core/pipeline/npy';
import { readZip } from '../../../electron/core/pipeline/zip';
import { fixture } from '../../helpers/fixtures';

// Written by numpy 2.4: a = np.arange(32, dtype=np.float32).reshape(2, 1, 4, 4) / 10
//   NPY = np.save(a); NPZ = np.savez(x=a, y=np.arange(6, dtype=np.int64).reshape(2, 3)) (stored, zip64 headers);
//   NPZC = np.savez_compressed(x=a) (deflate); NPY64 = np.save(a.astype(np.float64)).
const NPY =
  'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDEsIDQsIDQpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAzczMPc3MTD6amZk+zczMPgAAAD+amRk/MzMzP83MTD9mZmY/AACAP83MjD+amZk/ZmamPzMzsz8AAMA/zczMP5qZ2T9mZuY/MzPzPwAAAEBmZgZAzcwMQDMzE0CamRlAAAAgQGZmJkDNzCxAMzMzQJqZOUAAAEBAZmZGQA==';
const NPZ =
  'UEsDBC0AAAAAAAAAIQBAJzl+//////////8FABQAeC5ucHkBABAAAAEAAAAAAAAAAQAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCAxLCA0LCA0KSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAM3MzD3NzEw+mpmZPs3MzD4AAAA/mpkZPzMzMz/NzEw/ZmZmPwAAgD/NzIw/mpmZP2Zmpj8zM7M/AADAP83MzD+amdk/ZmbmPzMz8z8AAABAZmYGQM3MDEAzMxNAmpkZQAAAIEBmZiZAzcwsQDMzM0CamTlAAABAQGZmRkBQSwMELQAAAAAAAAAhAFmb2n3//////////wUAFAB5Lm5weQEAEACwAAAAAAAAALAAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAEAAAAAAAAAAgAAAAAAAAADAAAAAAAAAAQAAAAAAAAABQAAAAAAAABQSwECLQMtAAAAAAAAACEAQCc5fgABAAAAAQAABQAAAAAAAAAAAAAAgAEAAAAAeC5ucHlQSwECLQMtAAAAAAAAACEAWZvafbAAAACwAAAABQAAAAAAAAAAAAAAgAE3AQAAeS5ucHlQSwUGAAAAAAIAAgBmAAAAHgIAAAAA';
const NPZC =
  'UEsDBC0AAAAIAAAAIQBAJzl+//////////8FABQAeC5ucHkBABAAAAEAAAAAAAC1AAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqKuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GkY6CoY6CiZApKmjUKtABuBiAIKzZ87Ynj3jYzdr5kw7INsOKGQ/a6akvbGxsT1Q3D4tLc2egaEByO4Bis8E8pcB5TYDxQ4Axc4AxW4CxZ4BxT4DxRgc0tLYHM6e4XEwNhZ2AJrjwMCgABRTA4rpAMWMgWKWQDEHoJibAwBQSwECLQMtAAAACAAAACEAQCc5frUAAAAAAQAABQAAAAAAAAAAAAAAgAEAAAAAeC5ucHlQSwUGAAAAAAEAAQAzAAAA7AAAAAAA';
const NPY64 =
  'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDEsIDQsIDQpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAKCZmbk/AAAAoJmZyT8AAABAMzPTPwAAAKCZmdk/AAAAAAAA4D8AAABAMzPjPwAAAGBmZuY/AAAAoJmZ6T8AAADAzMzsPwAAAAAAAPA/AAAAoJmZ8T8AAABAMzPzPwAAAMDMzPQ/AAAAYGZm9j8AAAAAAAD4PwAAAKCZmfk/AAAAQDMz+z8AAADAzMz8PwAAAGBmZv4/AAAAAAAAAEAAAADAzMwAQAAAAKCZmQFAAAAAYGZmAkAAAABAMzMDQAAAAAAAAARAAAAAwMzMBEAAAACgmZkFQAAAAGBmZgZAAAAAQDMzB0AAAAAAAAAIQAAAAMDMzAhA';

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const input: ModelInput = { name: 'x', dtype: 'float32', shape: ['batch', 1, 4, 4] };
let dir: string;

async function all(spec: string, inputs = [input], options = {}): Promise<CalibrationSample[]> {
  const out: CalibrationSample[] = [];
  for await (const s of loadCalibrationSource(spec, inputs, options).samples()) out.push(s);
  return out;
}

const problem = studioProblem;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calib-'));
  for (const [sub, name, b64] of [
    ['good', 'a.npy', NPY],
    ['good', 'b.npz', NPZC],
    ['f64', 'a.npy', NPY64],
    ['multi', 'm.npz', NPZ],
    ['empty', 'README.txt', ''],
  ] as const) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, sub, name), bytes(b64));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npy / npz readers', () => {
  it('reads a .npy header and payload', () => {
    const a = parseNpy('a.npy', bytes(NPY));
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([2, 1, 4, 4]);
    expect(a.data[31]).toBeCloseTo(3.1, 6);
  });

  it('reads stored (zip64) and deflated .npz entries', () => {
    expect(readZip('m.npz', bytes(NPZ)).map((e) => e.name)).toEqual(['x.npy', 'y.npy']);
    const y = parseNpy('y', readZip('m.npz', bytes(NPZ))[1]!.read());
    expect(y.dtype).toBe('int64');
    expect([...(y.data as BigInt64Array)]).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    const x = parseNpy('x', readZip('c.npz', bytes(NPZC))[0]!.read());
    expect(x.data[5]).toBeCloseTo(0.5, 6);
  });
});

describe('calibration sources', () => {
  it('npy: axis 0 counts samples, across .npy and .npz files', async () => {
    const samples = await all(`npy:${path.join(dir, 'good')}`);
    expect(samples).toHaveLength(4);
    expect(samples[1]!.feeds.x!.dims).toEqual([1, 1, 4, 4]);
    expect((samples[1]!.feeds.x!.data as Float32Array)[0]).toBeCloseTo(1.6, 6);
    expect(samples[3]!.id).toContain('b.npz[1]');
  });

  it('npy: a float64 file for a float32 input names the file and both dtypes', () => {
    const message = problem(() => loadCalibrationSource(`npy:${path.join(dir, 'f64')}`, [input]));
    expect(message).toContain('a.npy');
    expect(message).toContain('float64, the model wants float32');
  });

  it('npy: a wrong shape names the file and the shape wanted', () => {
    const wrong: ModelInput = { ...input, shape: ['batch', 3, 4, 4] };
    expect(problem(() => loadCalibrationSource(`npy:${path.join(dir, 'good')}`, [wrong]))).toMatch(
      /a\.npy.*shape \(2, 1, 4, 4\).*\(N\*1, 3, 4, 4\)/,
    );
  });

  it('npy: an .npz without the input name lists what it holds', () => {
    const other: ModelInput = { ...input, name: 'images' };
    const second: ModelInput = { name: 'ids', dtype: 'int64', shape: [1, 3] };
    expect(problem(() => loadCalibrationSource(`npy:${path.join(dir, 'multi')}`, [other, second]))).toContain(
      'no array named "images" (it holds x, y)',
    );
  });

  it('npy: an npz feeds several inputs by name', async () => {
    const ids: ModelInput = { name: 'y', dtype: 'int64', shape: [1, 3] };
    const samples = await all(`npy:${path.join(dir, 'multi')}`, [input, ids]);
    expect(samples).toHaveLength(2);
    expect([...(samples[1]!.feeds.y!.data as BigInt64Array)]).toEqual([3n, 4n, 5n]);
  });

  it('a folder with no data files is an error naming the folder', () => {
    expect(problem(() => loadCalibrationSource(`npy:${path.join(dir, 'empty')}`, [input]))).toContain(
      'folder holds no .npy or .npz files',
    );
    expect(problem(() => loadCalibrationSource(`images:${path.join(dir, 'empty')}`, [input]))).toContain(
      'folder holds no JPEG or PNG images',
    );
  });

  it('random: seeded, in range, same values twice', async () => {
    const a = await all('random:3', [input], { range: [-2, 2], seed: 7 });
    const b = await all('random:3', [input], { range: [-2, 2], seed: 7 });
    expect(a).toHaveLength(3);
    const values = a.flatMap((s) => [...(s.feeds.x!.data as Float32Array)]);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThan(2);
    expect(a[2]!.feeds.x!.data).toEqual(b[2]!.feeds.x!.data);
  });

  it('refuses a dynamic non-batch dimension without --shape, and an unknown kind', () => {
    const dynamic: ModelInput = { name: 'x', dtype: 'float32', shape: [1, 3, 'h', 'w'] };
    expect(problem(() => loadCalibrationSource('random:2', [dynamic]))).toContain('dynamic dimension 2');
    expect(problem(() => loadCalibrationSource('csv:foo', [input]))).toContain(
      'random:N, npy:PATH or images:PATH',
    );
  });

  it('images: decodes real JPEGs into the input shape', async () => {
    const rgb: ModelInput = { name: 'x', dtype: 'float32', shape: [1, 3, 32, 48] };
    const samples = await all(`images:${fixture('images', 'coco-calib')}`, [rgb], { limit: 2 });
    expect(samples).toHaveLength(2);
    expect(samples[0]!.feeds.x!.dims).toEqual([1, 3, 32, 48]);
    expect(samples[0]!.id).toMatch(/000000000139\.jpg$/);
  });
});
