/**
 * The studio's Nsight Systems capture for real, on a GPU: `captureWithNsys` runs this file again as
 * the job (`--job`), which marks the addon's known workload with cudaProfilerStart/Stop; nsys records
 * it and exports SQLite, and the studio's nsys importer reads it back. Prints what the import holds
 * against what the job launched (kernels by name, copies by direction, memsets), the tracks, and the
 * wall time of the capture. Exits 1 when they do not match; asserts nothing about time. Without a GPU
 * or without nsys (PATH or NSYS_PATH) it says so and exits 0.
 *
 * Run: node bin/run-ts.mjs test/bench/nsys-capture.ts [--out DIR]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureWithNsys, findNsys } from '../../electron/core/backends/nsys-capture';
import { describeError } from '../../electron/core/errors';
import { CopyKind, SpanKind } from '../../electron/core/model/trace';
import { gpuPresent, option } from './bench-options';
import { loadNative, type KnownWorkload } from '../../native/index';

const WORKLOAD: Required<Omit<KnownWorkload, 'device'>> = {
  tinyKernels: 2000,
  scaleKernels: 16,
  copies: 4,
  copyBytes: 8 << 20,
  memsets: 4,
};

async function job(): Promise<void> {
  const load = loadNative();
  if (!load.ok) throw new Error(load.reason);
  // Outside the range: context creation and module load.
  await load.addon.runKnownWorkload({ tinyKernels: 1, scaleKernels: 1, copies: 1, memsets: 1 });
  load.addon.profilerStart();
  await load.addon.runKnownWorkload(WORKLOAD);
  load.addon.profilerStop();
}

async function main(): Promise<number> {
  if (!gpuPresent()) {
    console.log('nsys-capture: no NVIDIA GPU on this machine (no /dev/nvidia0): not run');
    return 0;
  }
  const nsys = findNsys();
  if (!nsys) {
    console.log('nsys-capture: no nsys on the PATH or in NSYS_PATH: not run');
    return 0;
  }
  const dir = option('out', fs.mkdtempSync(path.join(os.tmpdir(), 'nsys-capture-')));
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  let capture;
  try {
    capture = await captureWithNsys({
      command: process.execPath,
      args: ['bin/run-ts.mjs', 'test/bench/nsys-capture.ts', '--job'],
      output: path.join(dir, 'known-workload'),
      onOutput: (line) => console.log(`  nsys | ${line}`),
    });
  } catch (error) {
    console.log(`nsys-capture: ${nsys}: ${describeError(error)}`);
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`nsys: ${capture.nsys}; ${capture.argv.slice(0, -3).join(' ')} <job>`);
  console.log(
    `capture and import: ${seconds.toFixed(1)} s; SQLite ${(fs.statSync(capture.sqlitePath).size / 2 ** 20).toFixed(1)} MiB`,
  );
  const trace = capture.imported.traces[0];
  if (!trace) {
    console.log('the import holds no trace');
    return 1;
  }
  const names = new Map<string, number>();
  let copiesHtoD = 0;
  let copiesDtoH = 0;
  let memsets = 0;
  const spans = trace.spans;
  for (let i = 0; i < spans.count; i++) {
    if (spans.kind[i] === SpanKind.Kernel) {
      const name = trace.strings[spans.name[i]!]!;
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    if (spans.kind[i] === SpanKind.Memcpy && spans.copyKind[i] === CopyKind.HtoD) copiesHtoD++;
    if (spans.kind[i] === SpanKind.Memcpy && spans.copyKind[i] === CopyKind.DtoH) copiesDtoH++;
    if (spans.kind[i] === SpanKind.Memset) memsets++;
  }
  const kinds = [...new Set(trace.tracks.map((t) => t.kind))].join(', ');
  console.log(
    `imported: ${spans.count} spans on ${trace.tracks.length} tracks (${kinds}); kernels ${JSON.stringify(Object.fromEntries(names))}; copies HtoD ${copiesHtoD}, DtoH ${copiesDtoH}; memsets ${memsets}; warnings: ${[...capture.imported.warnings, ...trace.warnings].join('; ') || 'none'}`,
  );
  console.log(`launched in the range: ${JSON.stringify(WORKLOAD)}`);
  const matches =
    names.get('studio_tiny_kernel') === WORKLOAD.tinyKernels &&
    names.get('studio_scale_kernel') === WORKLOAD.scaleKernels &&
    copiesHtoD === WORKLOAD.copies &&
    copiesDtoH === WORKLOAD.copies &&
    memsets === WORKLOAD.memsets;
  console.log(matches ? 'the import matches the workload' : 'THE IMPORT DOES NOT MATCH THE WORKLOAD');
  return matches ? 0 : 1;
}

if (process.argv.includes('--job')) await job();
else process.exitCode = await main();
