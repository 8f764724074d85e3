/** The engine report's summary: what the engine is, what it holds, how it was built and how fast it ran. */
import { bytes, DASH, ms, rate } from '../../components/format';
import type { EngineReport, TensorSummary } from '../../../../electron/core/model/views/engine-report';

function tensorLine(tensor: TensorSummary): string {
  const dims = tensor.dims ? `[${tensor.dims.join(', ')}]` : '[dims unknown]';
  return `${tensor.name} ${dims} ${tensor.dtype}${tensor.format ? ` (${tensor.format})` : ''}`;
}

function known(value: EngineReport['summary']['weights']): string {
  if (!value) return 'not in the source';
  const partial =
    value.layersKnown < value.layers ? ` (${value.layersKnown} of ${value.layers} layers say)` : '';
  return `${bytes(value.bytes)}${partial}`;
}

export function EngineSummary({ report }: { report: EngineReport }) {
  const s = report.summary;
  const latency = s.latency;
  const facts: [string, string][] = [
    ['Backend', `${s.backend}${s.backendVersion ? ` ${s.backendVersion}` : ''}`],
    ['Precision', s.precision],
    ['Device', `${s.device ?? 'not recorded'}${s.target === 'cpu' ? ' (CPU)' : ''}`],
    [
      'Layers',
      `${s.layers}${s.foldedLayers ? ` (+${s.foldedLayers} folded: NoOp, Constant, ...)` : ''}${s.detail === 'names-only' ? ', names only' : ''}`,
    ],
    ['Weights', known(s.weights)],
    ['Activations written', known(s.activations)],
    ['Engine size', s.sizeBytes !== null ? bytes(s.sizeBytes) : 'not recorded'],
    ['Build time', s.buildTimeMs !== null ? ms(s.buildTimeMs) : 'not recorded'],
    [
      latency?.basis === 'gpu-compute' ? 'GPU compute p50 / p90 / p99' : 'Latency p50 / p90 / p99',
      latency
        ? `${ms(latency.p50Ms)} / ${ms(latency.p90Ms)} / ${ms(latency.p99Ms)}`
        : 'no timing in this run',
    ],
    [
      'Throughput',
      s.throughput ? `${rate(s.throughput.samplesPerSec, 'samples/s')} (batch ${s.throughput.batch})` : DASH,
    ],
    ['Per-layer sum', s.layerSumMs !== null ? ms(s.layerSumMs) : 'no per-layer profile'],
  ];
  return (
    <section className="engine-summary" aria-label="Engine summary" data-testid="engine-summary">
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="engine-io">
        <div>
          <h4>Inputs</h4>
          {s.inputs.length === 0 ? (
            <p className="note">not named by the source</p>
          ) : (
            <ul>
              {s.inputs.map((t) => (
                <li key={t.name}>{tensorLine(t)}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>Outputs</h4>
          {s.outputs.length === 0 ? (
            <p className="note">not named by the source</p>
          ) : (
            <ul>
              {s.outputs.map((t) => (
                <li key={t.name}>{tensorLine(t)}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>Builder / session options</h4>
          {s.options.length === 0 ? (
            <p className="note">none recorded</p>
          ) : (
            <dl className="options">
              {s.options.map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd title={value}>{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
    </section>
  );
}
