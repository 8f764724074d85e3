/**
 * Benchmark: reading a ~500 MB ONNX file. Synthesizes the file with the project's writer (250 MatMul
 * weights of 2 MiB each), then in fresh child processes (so RSS is clean) measures:
 *   - lazy read (readOnnx): structure only, weights stay on disk;
 *   - baseline in the same harness: read the whole file and decode it with protobufjs (what a
 *     non-lazy reader does, like Python's onnx.load);
 *   - one initializer read on demand.
 * Prints figures and ratios; asserts nothing. Run: node bin/run-ts.mjs test/bench/onnx-read.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OnnxModel, OnnxNode, OnnxTensor } from '../../electron/core/onnx/graph';
import { OnnxDataType } from '../../electron/core/onnx/graph';
import { writeOnnx } from '../../electron/core/onnx/writer';

const TENSORS = 250;
const SIDE = 724; // 724 x 724 floats = 2.0 MiB per weight
const MiB = 1024 * 1024;

function synthesize(file: string, tensors = TENSORS): void {
  // One shared payload keeps the writer's own memory small; every tensor gets its own name.
  const payload = new Uint8Array(new Float32Array(SIDE * SIDE).fill(0.5).buffer);
  const initializers: OnnxTensor[] = [];
  const nodes: OnnxNode[] = [];
  let previous = 'x';
  for (let i = 0; i < tensors; i++) {
    initializers.push({
      name: `w${i}`,
      dataType: OnnxDataType.FLOAT,
      dims: [SIDE, SIDE],
      data: { kind: 'bytes', bytes: payload },
    });
    const output = i === tensors - 1 ? 'y' : `h${i}`;
    nodes.push({
      name: `matmul${i}`,
      opType: 'MatMul',
      domain: '',
      inputs: [previous, `w${i}`],
      outputs: [output],
      attributes: [],
    });
    previous = output;
  }
  const tensorType = {
    kind: 'tensor' as const,
    elemType: OnnxDataType.FLOAT,
    shape: [{ value: 1 }, { value: SIDE }],
  };
  const model: OnnxModel = {
    path: '',
    sizeBytes: 0,
    irVersion: 8,
    opsetImports: [{ domain: '', version: 17 }],
    producerName: 'trt-studio-bench',
    producerVersion: '1',
    domain: '',
    modelVersion: 1,
    docString: '',
    metadataProps: [],
    graph: {
      name: 'bench',
      nodes,
      inputs: [{ name: 'x', type: tensorType }],
      outputs: [{ name: 'y', type: tensorType }],
      valueInfo: [],
      initializers,
    },
  };
  writeOnnx(model, file);
}

/** Runs this file in child mode and parses its one JSON line. */
function child(mode: string, file: string): Record<string, number> {
  const self = fileURLToPath(import.meta.url);
  const runner = path.resolve(path.dirname(self), '../../bin/run-ts.mjs');
  const out = execFileSync(process.execPath, ['--expose-gc', runner, self, '--child', mode, file], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function childMain(mode: string, file: string): Promise<void> {
  const { readOnnx } = await import('../../electron/core/onnx/reader');
  const { readTensorData } = await import('../../electron/core/onnx/tensor-data');
  const { onnxType } = await import('../../electron/core/onnx/proto/onnx-schema');
  // Warm-up on a 2-initializer model: parses the schema and lets protobufjs generate its decoders,
  // one-time costs of a process that the app pays at start-up, not per model.
  readOnnx(file.replace(/big\.onnx$/, 'warmup.onnx'));
  onnxType('ModelProto').decode(fs.readFileSync(file.replace(/big\.onnx$/, 'warmup.onnx')));
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  let nodes = 0;
  if (mode === 'lazy') {
    const model = readOnnx(file);
    nodes = model.graph.nodes.length;
    const readMs = performance.now() - start;
    const rssAfter = process.memoryUsage().rss;
    const t0 = performance.now();
    const weights = readTensorData(model.graph.initializers[123]!) as Float32Array;
    const oneMs = performance.now() - t0;
    console.log(
      JSON.stringify({
        readMs,
        rssGrowthMiB: (rssAfter - rssBefore) / MiB,
        nodes,
        oneInitializerMs: oneMs,
        oneValue: weights[7],
      }),
    );
  } else {
    const bytes = fs.readFileSync(file);
    const decoded = onnxType('ModelProto').decode(bytes) as unknown as { graph: { node: unknown[] } };
    nodes = decoded.graph.node.length;
    const readMs = performance.now() - start;
    console.log(
      JSON.stringify({ readMs, rssGrowthMiB: (process.memoryUsage().rss - rssBefore) / MiB, nodes }),
    );
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-read-bench-'));
  const file = path.join(dir, 'big.onnx');
  const t0 = performance.now();
  synthesize(file);
  synthesize(path.join(dir, 'warmup.onnx'), 2);
  const sizeMiB = fs.statSync(file).size / MiB;
  console.log(
    `synthesized ${file}: ${sizeMiB.toFixed(1)} MiB, ${TENSORS} initializers, in ${((performance.now() - t0) / 1000).toFixed(2)} s (project writer)`,
  );
  // Warm the page cache once so both readers see the same disk state.
  fs.readFileSync(file);
  const runs = 3;
  const lazy = Array.from({ length: runs }, () => child('lazy', file));
  const full = Array.from({ length: runs }, () => child('full', file));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const lazyMs = median(lazy.map((r) => r.readMs!));
  const fullMs = median(full.map((r) => r.readMs!));
  const lazyRss = median(lazy.map((r) => r.rssGrowthMiB!));
  const fullRss = median(full.map((r) => r.rssGrowthMiB!));
  console.log('');
  console.log('reader                      time (median of 3)   MB/s      RSS growth');
  console.log(
    `lazy readOnnx (structure)   ${lazyMs.toFixed(1).padStart(8)} ms        ${((sizeMiB * MiB) / 1e6 / (lazyMs / 1000)).toFixed(0).padStart(7)}   ${lazyRss.toFixed(1)} MiB`,
  );
  console.log(
    `baseline: read + decode     ${fullMs.toFixed(1).padStart(8)} ms        ${((sizeMiB * MiB) / 1e6 / (fullMs / 1000)).toFixed(0).padStart(7)}   ${fullRss.toFixed(1)} MiB`,
  );
  console.log(
    `ratio baseline/lazy: time ${(fullMs / lazyMs).toFixed(1)}x, RSS ${(fullRss / Math.max(lazyRss, 0.1)).toFixed(1)}x`,
  );
  console.log(
    `one 2 MiB initializer on demand: ${median(lazy.map((r) => r.oneInitializerMs!)).toFixed(2)} ms`,
  );
  console.log(
    'reference (issue): Python onnx.load on 500 MiB: ~470 ms (1.1 GB/s), ~1000 MiB RSS growth; target >= 5x faster, < 50 MiB',
  );
  if (!process.env.KEEP_BENCH_FILE) fs.rmSync(dir, { recursive: true, force: true });
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) await childMain(process.argv[childIndex + 1]!, process.argv[childIndex + 2]!);
else await main();
