/** One card per variant (how it was made, latency, throughput, speedup, size, build time, accuracy) and the same figures as a table. */
import type { Report, ReportVariant } from '../../../../electron/core/model/report';
import { formatBytes, formatMs } from '../../../../electron/core/model/units';
import { formatSpeedup } from '../report-format';
import { SortableTable, type Column } from '../../components/SortableTable';
import { BarChart } from '../../charts/BarChart';
import { CalibrationChoiceTables } from '../../components/CalibrationChoiceTables';
import { worstCosine } from '../../../../electron/core/model/report-figures';

const throughput = (v: number | null) => (v === null ? '-' : `${v.toFixed(v >= 100 ? 0 : 1)}/s`);

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function accuracyText(variant: ReportVariant): string {
  const a = variant.accuracy;
  if (!a) return variant.isBaseline ? 'reference' : 'not measured';
  const parts = [`cos ${worstCosine(variant)?.toFixed(5) ?? '-'}`];
  if (a.top1Agreement !== null) parts.push(`top-1 ${(a.top1Agreement * 100).toFixed(1)}%`);
  if (a.boxAgreement !== null) parts.push(`boxes ${(a.boxAgreement * 100).toFixed(1)}%`);
  return `${parts.join(', ')} on ${a.inputs} inputs`;
}

function VariantCard({ variant }: { variant: ReportVariant }) {
  const l = variant.latency;
  return (
    <article className="variant-card" aria-label={variant.label}>
      <h3>
        {variant.label} {variant.isBaseline && <span className="badge">baseline</span>}
      </h3>
      <p className="note">{variant.recipe?.summary ?? `imported ${variant.backend} engine`}</p>
      <dl className="facts">
        <Fact
          term={l?.measure === 'gpu-compute' ? 'p50 (GPU compute)' : 'p50'}
          value={`${formatMs(l?.p50Ms)} ms`}
        />
        <Fact term="p90" value={`${formatMs(l?.p90Ms)} ms`} />
        <Fact term="p99" value={`${formatMs(l?.p99Ms)} ms`} />
        <Fact term="throughput" value={throughput(variant.throughputPerSec)} />
        <Fact term="speedup" value={formatSpeedup(variant.speedup)} />
        <Fact
          term="engine"
          value={variant.engineSizeBytes === null ? '-' : formatBytes(variant.engineSizeBytes)}
        />
        <Fact
          term="build"
          value={variant.buildTimeMs === null ? '-' : `${formatMs(variant.buildTimeMs)} ms`}
        />
        <Fact term="accuracy" value={accuracyText(variant)} />
      </dl>
      {variant.recipe && variant.recipe.keptInFloat.length > 0 && (
        <details open>
          <summary>{variant.recipe.keptInFloat.length} node(s) kept in float</summary>
          <ul>
            {variant.recipe.keptInFloat.map((kept) => (
              <li key={kept.node}>
                <code>{kept.node}</code>: {kept.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {variant.caveats.length > 0 && (
        <ul className="caveats" aria-label={`Caveats of ${variant.label}`}>
          {variant.caveats.map((caveat) => (
            <li key={caveat}>{caveat}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

const COLUMNS: Column<ReportVariant>[] = [
  { key: 'label', header: 'variant', value: (v) => v.label },
  { key: 'p50', header: 'p50 ms', value: (v) => v.latency?.p50Ms ?? null, render: (v) => formatMs(v.latency?.p50Ms), numeric: true },
  { key: 'p90', header: 'p90 ms', value: (v) => v.latency?.p90Ms ?? null, render: (v) => formatMs(v.latency?.p90Ms), numeric: true },
  { key: 'p99', header: 'p99 ms', value: (v) => v.latency?.p99Ms ?? null, render: (v) => formatMs(v.latency?.p99Ms), numeric: true },
  { key: 'throughput', header: 'throughput', value: (v) => v.throughputPerSec, render: (v) => throughput(v.throughputPerSec), numeric: true },
  { key: 'speedup', header: 'speedup', value: (v) => v.speedup, render: (v) => formatSpeedup(v.speedup), numeric: true },
  { key: 'layerSum', header: 'layer sum ms', value: (v) => v.layerSumMs, render: (v) => formatMs(v.layerSumMs), numeric: true },
  { key: 'size', header: 'engine', value: (v) => v.engineSizeBytes, render: (v) => (v.engineSizeBytes === null ? '-' : formatBytes(v.engineSizeBytes)), numeric: true },
  { key: 'build', header: 'build ms', value: (v) => v.buildTimeMs, render: (v) => formatMs(v.buildTimeMs), numeric: true },
  { key: 'cosine', header: 'worst cosine', value: (v) => worstCosine(v), render: (v) => worstCosine(v)?.toFixed(5) ?? '-', numeric: true },
]; // prettier-ignore

export function VariantsSection({ report }: { report: Report }) {
  const latency = report.variants.map((v) => v.latency?.p50Ms ?? null);
  return (
    <>
      <div className="variant-cards">
        {report.variants.map((variant) => (
          <VariantCard key={variant.index} variant={variant} />
        ))}
      </div>
      <SortableTable
        label="Variants"
        columns={COLUMNS}
        rows={report.variants}
        rowKey={(v) => String(v.index)}
      />
      {report.variants.map(
        (variant) =>
          variant.recipe?.calibrationChoice && (
            <details key={variant.index} className="report-calibration">
              <summary>How {variant.label} was calibrated: methods compared, INT8 placements tried</summary>
              <CalibrationChoiceTables tables={variant.recipe.calibrationChoice} heading={false} />
            </details>
          ),
      )}
      <BarChart
        title="Latency p50 per variant (ms)"
        categories={report.variants.map((v) => v.label)}
        series={[{ name: 'p50', values: latency }]}
        format={(value) => `${formatMs(value)} ms`}
        horizontal
      />
    </>
  );
}
