/**
 * How the automatic INT8 choice was made: the methods compared and the placements tried, as the two
 * tables core's calibrationChoiceTables makes. The Session view and the report both show them.
 */
import type { CalibrationChoiceTables as Tables } from '../../../electron/core/model/calibration-choice-table';
import './small-table.css';
import './calibration-choice.css';

/** `heading`: false where the tables sit under a summary that already names them (the report). */
export function CalibrationChoiceTables({ tables, heading = true }: { tables: Tables; heading?: boolean }) {
  const chosen = tables.methods.find((row) => row.chosen)?.method;
  return (
    <div className="calibration-choice" data-testid="calibration-choice">
      {heading && <h4>Calibration choice</h4>}
      <p className="calibration-judged">Judged by {tables.judgedBy}.</p>
      <table className="small-table" aria-label="Calibration methods">
        <thead>
          <tr>
            <th>method</th>
            <th className="num">task metric</th>
            <th className="num">worst cosine</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {tables.methods.map((row) => (
            <tr key={row.method} className={row.chosen ? 'chosen' : undefined}>
              <td className="mono">{row.method}</td>
              <td className="num">{row.metric}</td>
              <td className="num">{row.cosine}</td>
              <td>{row.chosen ? 'chosen' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tables.placements.length > 0 && (
        <table className="small-table" aria-label="INT8 placements">
          <thead>
            <tr>
              <th>placement{chosen ? ` (with ${chosen})` : ''}</th>
              <th className="num">task metric</th>
              <th className="num" title="against the default placement, image by image, ± one standard error">
                loss against the default
              </th>
              <th className="num">run time, batch 1</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {tables.placements.map((row) => (
              <tr
                key={row.placement}
                className={
                  row.verdict === 'chosen'
                    ? 'chosen'
                    : row.verdict.startsWith('refused')
                      ? 'refused'
                      : undefined
                }
              >
                <td>{row.placement}</td>
                <td className="num">{row.metric}</td>
                <td className="num">{row.loss}</td>
                <td className="num">{row.latency}</td>
                <td>{row.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
