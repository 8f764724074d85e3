/**
 * The addon's CUPTI kernel tracer driven from Node, on a GPU: the known workload (tiny kernels,
 * scale kernels, host-device copies, memsets) run untraced and traced in interleaved rounds. Prints
 * the tracer's wall-time overhead (traced / untraced, same process), and what one traced run
 * recorded against what the workload launched: activities per kind, kernel names and launch
 * configuration, copy directions and bytes, dropped records, and the canonical trace it converts to
 * (traceFromCupti, as the TensorRT backend does). Exits 1 when the records do not match the
 * workload; asserts nothing about time. Without a GPU it says so and exits 0.
 *
 * Run: node bin/run-ts.mjs test/bench/cupti-tracer.ts [--tiny 20000] [--rounds 8]
 */
import { summarize } from '../../electron/core/model/statistics';
import { CopyKind, SpanKind } from '../../electron/core/model/trace';
import { gpuPresent, option } from './bench-options';
import { traceFromCupti } from '../../native/cupti-trace';
import { NativeActivityKind, loadNative, type KnownWorkload } from '../../native/index';

const ROUNDS = Number(option('rounds', '8'));
const WORKLOAD: Required<Omit<KnownWorkload, 'device'>> = {
  tinyKernels: Number(option('tiny', '20000')),
  scaleKernels: 16,
  copies: 8,
  copyBytes: 16 << 20,
  memsets: 8,
};

if (!gpuPresent()) {
  console.log('cupti-tracer: no NVIDIA GPU on this machine (no /dev/nvidia0): not run');
  process.exit(0);
}
const load = loadNative();
if (!load.ok) {
  console.log(`cupti-tracer: the addon did not load: ${load.reason}`);
  process.exit(1);
}
const addon = load.addon;
const devices = await addon.listDevices();
console.log(`devices: ${devices.devices.map((d) => `${d.name} (${d.smCount} SMs)`).join(', ')}`);
console.log(`workload: ${JSON.stringify(WORKLOAD)}; ${ROUNDS} interleaved rounds`);

const timed = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const traced = async () => {
  const tracer = new addon.KernelTracer();
  await tracer.start();
  await addon.runKnownWorkload(WORKLOAD);
  return tracer.stop();
};

// Warm-up: context creation and module load are not the tracer's cost.
await addon.runKnownWorkload(WORKLOAD);
const plain: number[] = [];
const withTracer: number[] = [];
let last = await traced();
for (let round = 0; round < ROUNDS; round++) {
  plain.push(await timed(() => addon.runKnownWorkload(WORKLOAD)));
  withTracer.push(
    await timed(async () => {
      last = await traced();
    }),
  );
}
const p = summarize(plain);
const t = summarize(withTracer);
console.log(
  `wall time per workload: untraced p50 ${p.medianMs.toFixed(2)} ms, traced p50 ${t.medianMs.toFixed(2)} ms (tracer start + stop included): traced/untraced ${(t.medianMs / p.medianMs).toFixed(3)}`,
);

// What one traced run recorded, against what the workload launched.
const byKind = new Map<number, number>();
for (const k of last.kind) byKind.set(k, (byKind.get(k) ?? 0) + 1);
const kernels = byKind.get(NativeActivityKind.Kernel) ?? 0;
const copies = byKind.get(NativeActivityKind.Memcpy) ?? 0;
const memsets = byKind.get(NativeActivityKind.Memset) ?? 0;
const names = new Map<string, number>();
for (let i = 0; i < last.count; i++) {
  if (last.kind[i] !== NativeActivityKind.Kernel) continue;
  const name = last.names[last.name[i]!]!;
  names.set(name, (names.get(name) ?? 0) + 1);
}
const expected = {
  kernels: WORKLOAD.tinyKernels + WORKLOAD.scaleKernels,
  copies: 2 * WORKLOAD.copies,
  memsets: WORKLOAD.memsets,
};
console.log(
  `recorded: ${last.count} activities: ${kernels} kernels (launched ${expected.kernels}), ${copies} copies (${expected.copies}), ${memsets} memsets (${expected.memsets}); dropped ${last.droppedRecords}`,
);
console.log(`kernel names: ${JSON.stringify(Object.fromEntries(names))}`);

const trace = traceFromCupti(last, 'cupti-bench');
const spans = trace.spans;
let bytesHtoD = 0;
let bytesDtoH = 0;
let kernelNs = 0;
for (let i = 0; i < spans.count; i++) {
  if (spans.kind[i] === SpanKind.Kernel) kernelNs += spans.duration[i]!;
  if (spans.copyKind[i] === CopyKind.HtoD) bytesHtoD += spans.bytes[i]!;
  if (spans.copyKind[i] === CopyKind.DtoH) bytesDtoH += spans.bytes[i]!;
}
const scale = trace.kernelInfo
  ? Array.from({ length: trace.kernelInfo.count }, (_, r) => r).find(
      (r) => trace.strings[spans.name[trace.kernelInfo!.span[r]!]!] === 'studio_scale_kernel',
    )
  : undefined;
const info = trace.kernelInfo;
const launch =
  info && scale !== undefined
    ? `grid (${info.gridX[scale]}, ${info.gridY[scale]}, ${info.gridZ[scale]}) block (${info.blockX[scale]}, ${info.blockY[scale]}, ${info.blockZ[scale]}), ${info.sharedMemoryBytes[scale]} B shared, ${info.registersPerThread[scale]} registers`
    : 'not found';
const first = spans.count ? spans.start[0]! : 0;
const end = spans.count ? spans.start[spans.count - 1]! + spans.duration[spans.count - 1]! : 0;
console.log(
  `canonical trace: ${trace.tracks.length} GPU stream track(s), ${spans.count} spans over ${((end - first) / 1e6).toFixed(2)} ms; kernels busy ${(kernelNs / 1e6).toFixed(2)} ms; copies HtoD ${bytesHtoD / 2 ** 20} MiB, DtoH ${bytesDtoH / 2 ** 20} MiB; studio_scale_kernel launch: ${launch}; warnings: ${trace.warnings.length ? trace.warnings.join('; ') : 'none'}`,
);

const matches =
  kernels === expected.kernels &&
  copies === expected.copies &&
  memsets === expected.memsets &&
  names.get('studio_tiny_kernel') === WORKLOAD.tinyKernels &&
  names.get('studio_scale_kernel') === WORKLOAD.scaleKernels &&
  bytesHtoD === WORKLOAD.copies * WORKLOAD.copyBytes &&
  bytesDtoH === WORKLOAD.copies * WORKLOAD.copyBytes &&
  last.droppedRecords === 0;
console.log(matches ? 'records match the workload' : 'RECORDS DO NOT MATCH THE WORKLOAD');
process.exit(matches ? 0 : 1);
