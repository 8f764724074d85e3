/** Each variant against its reference, output by output: cosine, SNR, errors; label and box agreement where they apply. */
import type { Report } from '../../../../electron/core/model/report';
import { formatPercent } from '../../../../electron/core/model/units';

export function AccuracySection({ report }: { report: Report }) {
  const judged = report.variants.filter((v) => v.accuracy);
  if (judged.length === 0) return <p>No accuracy was measured in this session.</p>;
  return (
    <table className="data-table" aria-label="Accuracy">
      <thead>
        <tr>
          <th>variant</th>
          <th>against</th>
          <th>output</th>
          <th className="numeric">cosine</th>
          <th className="numeric">SNR dB</th>
          <th className="numeric">max abs error</th>
          <th className="numeric">mean abs error</th>
          <th className="numeric">top-1</th>
          <th className="numeric">boxes</th>
          <th className="numeric">inputs</th>
        </tr>
      </thead>
      <tbody>
        {judged.flatMap((v) =>
          v.accuracy!.outputs.map((output) => (
            <tr key={`${v.index}-${output.name}`}>
              <td>{v.label}</td>
              <td>{v.accuracy!.referenceLabel}</td>
              <td className="mono">{output.name}</td>
              <td className="numeric">{output.cosine.toFixed(6)}</td>
              <td className="numeric">{output.snrDb.toFixed(1)}</td>
              <td className="numeric">{output.maxAbsError.toPrecision(3)}</td>
              <td className="numeric">{output.meanAbsError.toPrecision(3)}</td>
              <td className="numeric">{formatPercent(v.accuracy!.top1Agreement)}</td>
              <td className="numeric">{formatPercent(v.accuracy!.boxAgreement)}</td>
              <td className="numeric">{v.accuracy!.inputs}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
