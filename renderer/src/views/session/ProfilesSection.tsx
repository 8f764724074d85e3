/**
 * The profiles: for each, the engine it timed, batch and iterations, end-to-end latency (median, p90,
 * p99), throughput, the stages around the model (decode, resize, copies...), its notes, a batch sweep
 * when one ran, and the per-layer times (a virtualized table, slowest first).
 */
import type { LayerTiming, Profile, SampleStats } from '../../../../electron/core/model/types';
import { formatMs } from '../../../../electron/core/model/units';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { useSelectionStore } from '../../store/selection-store';
import { SessionItem } from './SessionItem';
import { SessionSection, type SectionProps } from './SessionSection';

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : `${formatMs(value)} ms`;

/** A right-aligned column of one per-layer time statistic. */
function timeColumn(
  id: string,
  header: string,
  description: string,
  pick: (stats: SampleStats) => number | null,
): DataColumn<LayerTiming> {
  return {
    id,
    header,
    description,
    value: (layer) => pick(layer.stats),
    cell: (layer) => formatMs(pick(layer.stats)),
    width: '90px',
    align: 'right',
  };
}

const LAYER_COLUMNS: DataColumn<LayerTiming>[] = [
  { id: 'name', header: 'Layer', value: (layer) => layer.name, width: 'minmax(220px, 4fr)' },
  timeColumn('median', 'Median', 'Median time per run, ms', (stats) => stats.medianMs),
  timeColumn('mean', 'Mean', 'Mean time per run, ms', (stats) => stats.meanMs),
  timeColumn(
    'p90',
    'p90',
    '90th percentile, ms (imported profiles have medians only)',
    (stats) => stats.p90Ms,
  ),
  {
    id: 'share',
    header: 'Share',
    description: 'Share of the per-layer total, %',
    value: (layer) => layer.percentage,
    cell: (layer) => `${layer.percentage.toFixed(1)}%`,
    width: '76px',
    align: 'right',
  },
];

function latencyText(stats: SampleStats | undefined): string {
  if (!stats) return 'no end-to-end latency';
  return `median ${ms(stats.medianMs)}, p90 ${ms(stats.p90Ms)}, p99 ${ms(stats.p99Ms)}`;
}

function ProfileDetail({ profile }: { profile: Profile }) {
  const layer = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  return (
    <>
      <p>
        {profile.iterations} iteration{profile.iterations === 1 ? '' : 's'} after {profile.warmupIterations}{' '}
        warm-up
        {profile.machine?.cpu ? ` on ${profile.machine.cpu}` : ''}
        {profile.machine?.device?.name && profile.machine.device.name !== profile.machine.cpu
          ? ` (${profile.machine.device.name})`
          : ''}
        {profile.compute ? `; GPU compute ${ms(profile.compute.medianMs)}` : ''}
        {profile.h2d ? `, H2D ${ms(profile.h2d.medianMs)}` : ''}
        {profile.d2h ? `, D2H ${ms(profile.d2h.medianMs)}` : ''}
      </p>
      {profile.stages.length > 0 && (
        <table className="small-table" aria-label="Stages around the model">
          <thead>
            <tr>
              <th>stage</th>
              <th className="num">median</th>
              <th className="num">share of the pipeline</th>
            </tr>
          </thead>
          <tbody>
            {profile.stages.map((stage) => (
              <tr key={stage.stage}>
                <td>{stage.stage}</td>
                <td className="num">{ms(stage.stats.medianMs)}</td>
                <td className="num">
                  {stage.sharePercent !== undefined ? `${stage.sharePercent.toFixed(1)}%` : '-'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {profile.batchSweep && profile.batchSweep.length > 0 && (
        <table className="small-table" aria-label="Batch sweep">
          <thead>
            <tr>
              <th className="num">batch</th>
              <th className="num">median latency</th>
              <th className="num">samples/s</th>
            </tr>
          </thead>
          <tbody>
            {profile.batchSweep.map((row) => (
              <tr key={row.batch}>
                <td className="num">{row.batch}</td>
                <td className="num">{ms(row.latency.medianMs)}</td>
                <td className="num">{row.throughputPerSec.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {profile.warnings.length > 0 && (
        <ul className="warnings">
          {profile.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {profile.layers.length > 0 ? (
        <DataTable
          label={`Per-layer times of ${profile.id}`}
          rows={profile.layers}
          columns={LAYER_COLUMNS}
          rowKey={(row) => row.name}
          initialSort={{ id: 'median', desc: true }}
          height={Math.min(360, 28 * Math.max(profile.layers.length, 3) + 4)}
          selectedKey={layer}
          onSelect={(row) => select({ layer: row.name })}
        />
      ) : (
        <p className="note">This profile has no per-layer times (only end-to-end figures).</p>
      )}
    </>
  );
}

export function ProfilesSection({ session, sectionRef }: SectionProps) {
  const engineOf = (id: string) => session.engines.find((engine) => engine.id === id);
  return (
    <SessionSection
      id="profiles"
      title="Profiles"
      count={session.profiles.length}
      sectionRef={sectionRef}
      empty="No profiles: a run times each variant; trtexec --exportProfile files and ONNX Runtime profiles bring theirs."
    >
      <ul className="item-list">
        {session.profiles.map((profile) => {
          const engine = engineOf(profile.engineId);
          return (
            <SessionItem
              key={profile.id}
              title={engine ? `${engine.precision} · ${engine.id}` : profile.engineId}
              text={`batch ${profile.batchSize} · ${latencyText(profile.latency)}${
                profile.throughputQps !== undefined
                  ? ` · ${profile.throughputQps.toFixed(0)} inferences/s`
                  : ''
              }`}
            >
              {() => <ProfileDetail profile={profile} />}
            </SessionItem>
          );
        })}
      </ul>
    </SessionSection>
  );
}
