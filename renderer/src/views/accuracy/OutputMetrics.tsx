/** Per output and per variant, the metrics that fit the output's kind; then the task's figures. */
import { DASH, metric, percent } from '../../components/format';
import type { AccuracyView, Metric } from '../../../../electron/core/model/views/accuracy';

function metricText(m: Metric): string {
  if (m.name === 'agreement') return percent(m.value, 2);
  if (m.name === 'SNR') return metric(m.value, 'db');
  if (m.name === 'cosine') return m.value.toFixed(6);
  return metric(m.value, 'error');
}

const KIND_WORDS = { float: 'float: cosine, SNR, errors', integer: 'integer / labels: agreement' } as const;

export function OutputMetrics({ view }: { view: AccuracyView }) {
  const labels = view.variants.map((v) => v.label);
  return (
    <section className="output-metrics" aria-label="Accuracy per output">
      <h3>Per output</h3>
      <div className="table-scroll">
        <table className="metrics-table" data-testid="output-metrics">
          <thead>
            <tr>
              <th>output</th>
              <th>compared as</th>
              {labels.map((label) => (
                <th key={label}>{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.outputs.map((output) => (
              <tr key={output.name}>
                <td className="name">{output.name}</td>
                <td className="kind">{KIND_WORDS[output.kind]}</td>
                {output.cells.map((cell, e) => (
                  <td key={labels[e]}>
                    {e === 0 ? (
                      <span className="absent">reference</span>
                    ) : !cell ? (
                      <span className="absent">not judged</span>
                    ) : (
                      <dl className="metric-list">
                        {cell.map((m) => (
                          <div key={m.name}>
                            <dt>{m.name}</dt>
                            <dd>{metricText(m)}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </td>
                ))}
              </tr>
            ))}
            {view.task.map((row) => (
              <tr key={row.name} className="task-row">
                <td className="name">{row.name}</td>
                <td className="kind">the task&apos;s figure</td>
                {row.values.map((value, e) => (
                  <td key={labels[e]}>
                    {e === 0 ? (
                      <span className="absent">reference</span>
                    ) : value === null ? (
                      DASH
                    ) : (
                      percent(value, 2)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
