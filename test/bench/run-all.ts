/**
 * `npm run bench`: runs, one after the other, every benchmark that needs no GPU, each in its own
 * process (so one's memory does not weigh on the next), and prints their figures as they come. The GPU
 * bench of the native library (`native_bench`, test/bench/native-bench.cc) runs on a GPU machine: it is
 * listed, not run. Asserts nothing about time.
 *
 * Run: npm run bench [-- name ...]   (names from the list below; --list prints it)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

interface Bench {
  name: string;
  file: string;
  what: string;
}

const BENCHES: Bench[] = [
  {
    name: 'onnx-read',
    file: 'onnx-read.ts',
    what: 'lazy read of a 500 MiB ONNX file vs a full protobuf decode',
  },
  { name: 'nsys-import', file: 'nsys-import.ts', what: 'Nsight Systems SQLite import of 1M kernels' },
  {
    name: 'quantize',
    file: 'quantize.ts',
    what: 'FP32 / FP16 / INT8 on ONNX Runtime CPU: latency, accuracy, why',
  },
  { name: 'int8-placement', file: 'int8-placement.ts', what: 'old vs current INT8 Q/DQ placement' },
  {
    name: 'int8-sensitivity',
    file: 'int8-sensitivity.ts',
    what: 'keeping the most INT8-sensitive layers in float',
  },
];

const GPU_ONLY = [
  'native_bench (test/bench/native-bench.cc): measured device ceilings and CUPTI tracer overhead; ' +
    'build native/ with CUDA and run it on a GPU machine (results: native/GPU-RESULTS.md)',
  "cupti-tracer (test/bench/cupti-tracer.ts): the addon's CUPTI tracer driven from Node on a known " +
    'workload, records checked and overhead measured; node bin/run-ts.mjs test/bench/cupti-tracer.ts',
  "nsys-capture (test/bench/nsys-capture.ts): the studio's Nsight Systems capture of the same workload, " +
    'imported and checked; needs nsys on the PATH or in NSYS_PATH',
];

function list(): void {
  console.log('benchmarks that need no GPU:');
  for (const bench of BENCHES) console.log(`  ${bench.name.padEnd(17)} ${bench.what}`);
  console.log('on a GPU machine only:');
  for (const line of GPU_ONLY) console.log(`  ${line}`);
}

function main(args: string[]): number {
  if (args.includes('--list')) {
    list();
    return 0;
  }
  const unknown = args.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(`run-all: no benchmark named ${unknown.join(', ')}`);
    list();
    return 2;
  }
  const chosen = args.length > 0 ? BENCHES.filter((bench) => args.includes(bench.name)) : BENCHES;
  const failed: string[] = [];
  for (const bench of chosen) {
    console.log(`\n=== ${bench.name}: ${bench.what}`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['bin/run-ts.mjs', path.join('test', 'bench', bench.file)], {
      stdio: 'inherit',
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    if (run.status !== 0) failed.push(bench.name);
    console.log(
      `=== ${bench.name}: ${run.status === 0 ? 'done' : `failed (${run.status ?? run.signal})`} in ${seconds} s`,
    );
  }
  console.log(`\nnot run here (GPU): ${GPU_ONLY.length} bench(es); npm run bench -- --list`);
  if (failed.length > 0) console.error(`run-all: failed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
