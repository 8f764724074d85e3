/** How much of the end-to-end time is pre/post-processing and copies rather than the model, where it was measured. */
import type { Report } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { formatMs } from '../../../../electron/core/model/units';
import { formatShare } from '../report-format';
import { BarChart } from '../../charts/BarChart';

export function PipelineSection({ report }: { report: Report }) {
  const pipelines = report.pipelines;
  if (pipelines.length === 0) {
    return (
      <p>
        Not measured: no pipeline stages and no host/device copies were timed (give images as --eval to time
        decoding, resizing and post-processing around the model).
      </p>
    );
  }
  const stages = [...new Set(pipelines.flatMap((p) => p.stages.map((s) => s.stage)))];
  return (
    <>
      <ul>
        {pipelines.map((p) => (
          <li key={p.variant}>
            {variantLabel(report, p.variant)}: {formatMs(p.totalMs)} ms end to end;{' '}
            {formatShare(p.prePostPercent)} pre/post-processing,{' '}
            {p.copiesPercent === null ? 'copies not timed' : `${formatShare(p.copiesPercent)} copies`}
          </li>
        ))}
      </ul>
      <BarChart
        title="End-to-end time by stage (ms, means)"
        categories={pipelines.map((p) => variantLabel(report, p.variant))}
        series={stages.map((stage) => ({
          name: stage,
          values: pipelines.map((p) => p.stages.find((s) => s.stage === stage)?.meanMs ?? null),
        }))}
        format={(value) => formatMs(value)}
        stacked
        horizontal
      />
    </>
  );
}
