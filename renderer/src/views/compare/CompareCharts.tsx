/** The comparison's charts: time by type, precision mix, slowest layers, reformat/Q-DQ share, payoff breakdown. */
import { ConversionShareChart } from '../../charts/ConversionShareChart';
import { PayoffChart } from '../../charts/PayoffChart';
import { PrecisionMixChart } from '../../charts/PrecisionMixChart';
import { SlowestLayersChart } from '../../charts/SlowestLayersChart';
import { TypeTimeChart } from '../../charts/TypeTimeChart';
import { ms } from '../../components/format';
import { useSelectionStore } from '../../store/selection-store';
import { useRowFilterStore } from './filter-store';
import type { ComparisonView } from '../../../../electron/core/model/views/comparison';

function PayoffBalance({ view }: { view: ComparisonView }) {
  const lines = view.charts.payoff.flatMap((p, e) => {
    if (!p.balance) return [];
    const b = p.balance;
    const verdict =
      b.netMs >= 0 ? `${ms(b.netMs)} faster layer by layer` : `${ms(-b.netMs)} slower layer by layer`;
    return [
      {
        label: view.labels[e]!,
        text:
          `aligned layers ${b.alignedSavedMs >= 0 ? 'saved' : 'lost'} ${ms(Math.abs(b.alignedSavedMs))}; ` +
          `${b.addedLayers} layer(s) it added cost ${ms(b.addedLayersMs)}` +
          (b.droppedLayersMs > 0 ? `; layers it does without saved ${ms(b.droppedLayersMs)}` : '') +
          `: ${verdict} than ${view.labels[0]}`,
        explanation: p.explanation,
      },
    ];
  });
  if (lines.length === 0) return null;
  return (
    <ul className="payoff-balance" data-testid="payoff-balance">
      {lines.map((line) => (
        <li key={line.label}>
          <strong>{line.label}:</strong> {line.text}
          {line.explanation.length > 0 && (
            <details>
              <summary>the backend&apos;s explanation</summary>
              <ul>
                {line.explanation.map((sentence) => (
                  <li key={sentence}>{sentence}</li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

export function CompareCharts({ view }: { view: ComparisonView }) {
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const changeFilter = useRowFilterStore((state) => state.change);
  const { labels, charts } = view;
  return (
    <section className="compare-charts" aria-label="Comparison charts">
      <div className="chart-box">
        <TypeTimeChart
          labels={labels}
          series={charts.byType}
          onSelectType={(type) => changeFilter({ layerType: type })}
        />
      </div>
      <div className="chart-box">
        <PrecisionMixChart labels={labels} shares={charts.precision} by="layers" />
      </div>
      <div className="chart-box">
        <PrecisionMixChart labels={labels} shares={charts.precision} by="time" />
      </div>
      {view.sameModel && (
        <div className="chart-box wide">
          <SlowestLayersChart
            labels={labels}
            layers={charts.slowest}
            selected={selected}
            onSelect={(key) => select({ layer: key })}
          />
        </div>
      )}
      <div className="chart-box">
        <ConversionShareChart labels={labels} shares={charts.conversion} />
      </div>
      <div className="chart-box">
        <PayoffChart labels={labels} payoff={charts.payoff} />
        <PayoffBalance view={view} />
      </div>
    </section>
  );
}
