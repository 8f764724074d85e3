/** `trt-studio doctor`: what this machine offers (native addon, GPUs, TensorRT, nsys), ceilings on request. */
import type { Command } from 'commander';
import { doctorReport, type DoctorReport } from '../../core/backends/doctor-report';
import { toJson } from '../../core/model/serialize';
import { formatBytes, formatRate } from '../../core/model/units';
import { option, wholeNumber } from '../options';

function yesNo(part: { compiled: boolean; version?: string; reason?: string } | undefined): string {
  if (!part) return 'unknown';
  return part.compiled ? `yes (${part.version ?? '?'})` : `no: ${part.reason ?? 'unknown reason'}`;
}

export function formatDoctor(report: DoctorReport): string {
  const lines: string[] = [];
  const n = report.native;
  lines.push(`native addon: ${n.loaded ? `loaded (${n.addonPath})` : `NOT LOADED: ${n.loadError}`}`);
  if (n.build) {
    lines.push(
      `  CUDA:      ${yesNo(n.build.cuda)}${n.build.cuda.compiled ? `, kernels for ${n.build.cudaTargets}` : ''}`,
    );
    lines.push(`  CUPTI:     ${yesNo(n.build.cupti)}`);
    lines.push(`  cuBLAS:    ${yesNo(n.build.cublas)}`);
    lines.push(`  TensorRT:  ${yesNo(n.build.tensorrt)}`);
    lines.push(`  driver ${n.driverVersion ?? 'none'}, runtime ${n.runtimeVersion ?? '?'}`);
  }
  lines.push(
    `devices: ${n.devices.length === 0 ? `none (${n.devicesReason ?? 'no CUDA device'})` : n.devices.length}`,
  );
  for (const d of n.devices) {
    lines.push(
      `  [${d.ordinal}] ${d.name}, compute ${d.computeCapability}, ${d.smCount} SMs at ${d.smClockMHz} MHz, ` +
        `${formatBytes(d.memoryBytes)}, ${d.memoryBusWidthBits}-bit bus (${formatRate(d.theoreticalDramGBps * 1e9, 'B')}), ` +
        `L2 ${formatBytes(d.l2CacheBytes)}`,
    );
  }
  lines.push('backends:');
  for (const backend of report.backends) {
    lines.push(
      `  ${backend.name.padEnd(12)} ${backend.available ? `available (${backend.version ?? 'version unknown'})` : `unavailable: ${backend.reason}`}`,
    );
    if (!backend.available && backend.howToGet)
      lines.push(`  ${''.padEnd(12)} to get it: ${backend.howToGet}`);
  }
  lines.push(`Nsight Systems: ${report.nsys.message}`);
  const c = report.ceilings;
  if (c) {
    if (c.error) lines.push(`ceilings of GPU ${c.device}: cannot measure: ${c.error}`);
    for (const m of c.measured?.measurements ?? []) {
      lines.push(
        `  ${m.id.padEnd(18)} ${m.available ? `${m.value.toFixed(1).padStart(9)} ${m.unit}` : 'n/a'.padStart(9)}  ${m.note}`,
      );
    }
    if (c.roofline) {
      const r = c.roofline;
      lines.push(
        `roofline (measured): DRAM ${formatRate(r.dramGBps * 1e9, 'B')}, FP32 ${formatRate(r.fp32Tflops * 1e12, 'FLOP')}, ` +
          `FP16 ${formatRate(r.fp16Tflops * 1e12, 'FLOP')}, INT8 ${formatRate(r.int8Tops * 1e12, 'OP')}`,
      );
    }
  }
  return lines.join('\n');
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the native addon, CUDA devices, TensorRT and Nsight Systems; measure device ceilings on request',
    )
    .option('--ceilings', 'measure DRAM bandwidth, FP32/FP16 and Tensor Core rates of the GPU (seconds)')
    .addOption(
      option('--gpu <n>', 'CUDA device ordinal --ceilings measures', { default: 0, parse: wholeNumber }),
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: { ceilings?: boolean; gpu: number; json?: boolean }) => {
      const report = await doctorReport(
        options.ceilings
          ? {
              measureDevice: options.gpu,
              onProgress: (e) =>
                options.json || process.stderr.write(`measuring ${e.id} (${e.index + 1}/${e.total})\n`),
            }
          : {},
      );
      process.stdout.write(options.json ? `${toJson(report, 2)}\n` : `${formatDoctor(report)}\n`);
      // Asked to measure and could not: the report says why, and the exit status says it failed.
      const error = report.ceilings?.error;
      if (error) {
        process.stderr.write(`trt-studio: cannot measure the ceilings of GPU ${options.gpu}: ${error}\n`);
        process.exitCode = 1;
      }
    });
}
