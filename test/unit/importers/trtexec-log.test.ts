/**
 * The trtexec console log. No log file is among the fixtures, so the log below is written in trtexec's
 * format (as printed by TensorRT 8.x: "[date] [I] " prefixes, the Performance summary and the
 * --dumpProfile table) with the figures of pytorch__resnet__A100__fp16__resnet.profile.metadata.json,
 * which TREx extracted from such a log: the log parser must agree with the metadata parser.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrtexecLog, profileFromLog } from '../../../electron/core/importers/trtexec-log';
import { parseMetadataJson } from '../../../electron/core/importers/trtexec-metadata';
import { fixture } from '../../helpers/fixtures';

const metadataFile = fixture('trtexec', 'pytorch__resnet__A100__fp16__resnet.profile.metadata.json');
const p = '[06/02/2022-10:11:12] [I] ';
const series = (values: number[]) =>
  `min = ${values[0]} ms, max = ${values[1]} ms, mean = ${values[2]} ms, median = ${values[3]} ms, percentile(99%) = ${values[4]} ms`;
const log = [
  '&&&& RUNNING TensorRT.trtexec [TensorRT v8401] # trtexec --loadEngine=resnet.engine --dumpProfile --separateProfileRun',
  `${p}=== Device Information ===`,
  `${p}Selected Device: NVIDIA A100 80GB PCIe`,
  `${p}Compute Capability: 8.0`,
  `${p}SMs: 108`,
  `${p}Device Global Memory: 80994 MiB`,
  `${p}`,
  `${p}Timing trace has 3468 queries over 3.00166 s`,
  `${p}=== Performance summary ===`,
  `${p}Throughput: 1155.36 qps`,
  `${p}Latency: ${series([0.856049, 0.872559, 0.86277, 0.862183, 0.871338])}`,
  `${p}Enqueue Time: ${series([0.00463867, 0.0183105, 0.00524884, 0.00524902, 0.00585938])}`,
  `${p}H2D Latency: ${series([0, 0, 0, 0, 0])}`,
  `${p}GPU Compute Time: ${series([0.856049, 0.872559, 0.86277, 0.862183, 0.871338])}`,
  `${p}D2H Latency: ${series([0, 0, 0, 0, 0])}`,
  `${p}Total Host Walltime: 3.00166 s`,
  `${p}Total GPU Compute Time: 2.99208 s`,
  '[06/02/2022-10:11:12] [W] * GPU compute time is unstable, with coefficient of variance = 3.1%.',
  `${p}`,
  `${p}=== Profile (1 iterations ) ===`,
  `${p}   Time(ms)     Avg.(ms)   Median(ms)   Time(%)   Layer`,
  `${p}       0.08         0.0809       0.0809       8.0   Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1`,
  `${p}       0.11         0.1116       0.1116      11.0   Conv_0 + Relu_1`,
  `${p}       0.19         0.1925       0.1925      19.0   Total`,
].join('\n');

describe('trtexec console log', () => {
  const parsed = parseTrtexecLog(log, 'run.log');

  it('reads the performance summary exactly as TREx did', () => {
    const fromMetadata = parseMetadataJson(fs.readFileSync(metadataFile, 'utf8'), 'meta').performance!;
    const fromLog = parsed.facts.performance!;
    expect(fromLog.throughputQps).toBe(fromMetadata.throughputQps);
    expect(fromLog.queries).toBe(3468);
    for (const key of ['latency', 'compute', 'enqueue', 'h2d', 'd2h'] as const)
      expect(fromLog[key]).toEqual(fromMetadata[key]);
  });

  it('reads device, version, warnings and the per-layer table', () => {
    expect(parsed.facts.tensorrtVersion).toBe('8.4.1');
    expect(parsed.facts.device).toMatchObject({
      name: 'NVIDIA A100 80GB PCIe',
      computeCapability: '8.0',
      smCount: 108,
    });
    expect(parsed.facts.device!.memoryBytes).toBe(80994 * 2 ** 20);
    expect(parsed.facts.warnings).toEqual([
      'run.log: trtexec: GPU compute time is unstable, with coefficient of variance = 3.1%.',
    ]);
    const profile = profileFromLog(parsed, 'log')!;
    expect(profile.layers.map((l) => [l.name, l.stats.meanMs])).toEqual([
      ['Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1', 0.0809],
      ['Conv_0 + Relu_1', 0.1116],
    ]);
    expect(profile.layerSumMs).toBeCloseTo(0.1925, 9);
  });

  it('warns when the rows do not add up to the Total row', () => {
    const broken = log.replace(
      '0.1925       0.1925      19.0   Total',
      '0.3000       0.3000      19.0   Total',
    );
    expect(parseTrtexecLog(broken, 'run.log').facts.warnings.join()).toMatch(
      /run.log: profile rows add up to 0.1925 ms, the Total row says 0.3/,
    );
  });
});
