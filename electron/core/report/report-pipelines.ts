/**
 * Where the end-to-end time goes besides the model, when it was measured: the pipeline stages timed
 * around inference (decode, resize, normalize, post-processing), or the host-to-device and
 * device-to-host copies around GPU compute. Variants with neither measured have no entry.
 */
import type { Profile, SampleStats, StageTiming } from '../model/types';
import type { ReportInput } from './report-inputs';
import type { ReportPipeline } from '../model/report';

function stage(name: string, kind: StageTiming['kind'], stats: SampleStats): StageTiming {
  return { stage: name, kind, stats };
}

/** Stages of the profile: the measured pipeline, else the copy / compute split when copies took time. */
function stagesOf(profile: Profile): StageTiming[] {
  if (profile.stages.length > 0) return profile.stages;
  const { h2d, compute, d2h } = profile;
  if (!compute || !h2d || !d2h || h2d.meanMs + d2h.meanMs <= 0) return [];
  return [
    stage('host to device', 'h2d', h2d),
    stage('compute', 'inference', compute),
    stage('device to host', 'd2h', d2h),
  ];
}

export function pipelinesOf(inputs: ReportInput[]): ReportPipeline[] {
  return inputs.flatMap(({ profile }, variant) => {
    const stages = profile ? stagesOf(profile) : [];
    if (stages.length === 0) return [];
    const totalMs = stages.reduce((sum, s) => sum + s.stats.meanMs, 0);
    const share = (s: StageTiming) => s.sharePercent ?? (totalMs > 0 ? (100 * s.stats.meanMs) / totalMs : 0);
    const sumShare = (kinds: StageTiming['kind'][]) =>
      stages.filter((s) => kinds.includes(s.kind)).reduce((sum, s) => sum + share(s), 0);
    return [
      {
        variant,
        totalMs,
        stages: stages.map((s) => ({
          stage: s.stage,
          kind: s.kind,
          meanMs: s.stats.meanMs,
          p50Ms: s.stats.medianMs,
          sharePercent: share(s),
        })),
        prePostPercent: sumShare(['pre', 'post']),
        copiesPercent: stages.some((s) => s.kind === 'h2d' || s.kind === 'd2h')
          ? sumShare(['h2d', 'd2h'])
          : null,
      },
    ];
  });
}
