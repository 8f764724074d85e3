/** Where a lower precision lost time against a higher one, largest loss first, each with its reasons and a link to its layer. */
import type { Report } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { formatMs } from '../../../../electron/core/model/units';
import { formatSpeedup } from '../report-format';
import { SortableTable, type Column } from '../../components/SortableTable';
import { layerAnchor } from '../ReportSection';

type Regression = Report['regressions'][number];

export function RegressionsSection({ report }: { report: Report }) {
  if (report.regressions.length === 0)
    return <p>No layer is slower in a lower precision than in a higher one (beyond 5% and 1 µs).</p>;
  const columns: Column<Regression>[] = [
    {
      key: 'layer',
      header: 'layer',
      value: (r) => r.layer,
      render: (r) =>
        r.layer === 'engine total' ? (
          <strong>engine total</strong>
        ) : (
          <a className="mono" href={`#${layerAnchor(r.layer)}`}>
            {r.layer}
          </a>
        ),
    },
    { key: 'slower', header: 'slower in', value: (r) => variantLabel(report, r.slower) },
    { key: 'faster', header: 'than in', value: (r) => variantLabel(report, r.faster) },
    {
      key: 'delta',
      header: 'time lost ms',
      value: (r) => r.deltaMs,
      render: (r) => formatMs(r.deltaMs),
      numeric: true,
    },
    {
      key: 'ratio',
      header: 'slower by',
      value: (r) => r.ratio,
      render: (r) => formatSpeedup(r.ratio),
      numeric: true,
    },
    {
      key: 'reasons',
      header: 'why',
      value: (r) => r.reasons.join('; '),
      render: (r) => (
        <ul className="reasons">
          {r.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <SortableTable
      label="Regressions"
      columns={columns}
      rows={report.regressions}
      rowKey={(r, i) => `${r.layer}-${r.slower}-${r.faster}-${i}`}
      initialSort={{ key: 'delta', descending: true }}
    />
  );
}
