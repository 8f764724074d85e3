/**
 * Every layer aligned across the variants: each variant's time (with its share and precision), the
 * speedup against the baseline, how the row was matched, and why a row lacks a variant. Regressed
 * rows are marked; rows carry anchors the other sections link to.
 */
import type { Report, ReportLayerRow } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { formatMs } from '../../../../electron/core/model/units';
import { formatSpeedup, formatShare } from '../report-format';
import { SortableTable, type Column } from '../../components/SortableTable';
import { layerAnchor } from '../ReportSection';

function layerColumns(report: Report): Column<ReportLayerRow>[] {
  const columns: Column<ReportLayerRow>[] = [
    {
      key: 'layer',
      header: 'layer',
      value: (row) => row.key,
      render: (row) => <span className="mono">{row.key}</span>,
    },
    { key: 'type', header: 'type', value: (row) => row.cells.find((c) => c)?.type ?? null },
  ];
  for (const v of report.variants) {
    columns.push({
      key: `time${v.index}`,
      header: `${v.label} ms`,
      value: (row) => row.cells[v.index]?.timeMs ?? null,
      render: (row) => {
        const cell = row.cells[v.index];
        if (!cell) return <span className="absent">absent</span>;
        return (
          <span title={cell.name}>
            {formatMs(cell.timeMs)}{' '}
            <span className="small">
              {formatShare(cell.sharePercent)} {cell.precision}
            </span>
          </span>
        );
      },
      numeric: true,
    });
  }
  for (const v of report.variants.slice(1)) {
    columns.push({
      key: `speedup${v.index}`,
      header: `${v.label} speedup`,
      value: (row) => row.speedups[v.index] ?? null,
      render: (row) => formatSpeedup(row.speedups[v.index]),
      numeric: true,
    });
  }
  columns.push(
    { key: 'matched', header: 'matched by', value: (row) => row.matchedBy },
    {
      key: 'note',
      header: 'note',
      value: (row) => row.note,
      render: (row) => <span className="small">{row.note ?? ''}</span>,
    },
  );
  return columns;
}

function Mismatches({ report }: { report: Report }) {
  if (report.mismatches.length === 0) return null;
  return (
    <details>
      <summary>
        {report.mismatches.length} aligned layer(s) differ in precision or tactic across variants
      </summary>
      <table className="data-table" aria-label="Mismatches">
        <thead>
          <tr>
            <th>layer</th>
            <th>differs in</th>
            {report.variants.map((v) => (
              <th key={v.index}>{v.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.mismatches.map((m) => (
            <tr key={`${m.layer}-${m.kind}`}>
              <td className="mono">{m.layer}</td>
              <td>{m.kind}</td>
              {m.values.map((value, i) => (
                <td key={i} className="mono small">
                  {value ?? '-'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function LayerTableSection({ report }: { report: Report }) {
  const { rows, matched, byMethod } = report.layers;
  const methods = Object.entries(byMethod)
    .map(([method, count]) => `${count} by ${method}`)
    .join(', ');
  return (
    <>
      <p className="note">
        {rows.length} aligned rows, {matched} present in every variant ({methods}); speedups are against{' '}
        {variantLabel(report, report.baseline)}. Click a header to sort.
      </p>
      <SortableTable
        label="Layers"
        columns={layerColumns(report)}
        rows={rows}
        rowKey={(row) => row.key}
        rowId={(row) => layerAnchor(row.key)}
        rowClassName={(row) => (row.regression ? 'regressed' : undefined)}
      />
      <Mismatches report={report} />
    </>
  );
}
