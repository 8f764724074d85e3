/** One card per variant: latency, throughput, speedup against the baseline, size, build time, accuracy, caveats. */
import { bytes, DASH, ms, percent, rate, ratio } from '../../components/format';
import type { VariantCard } from '../../../../electron/core/model/views/comparison';

const MARK_TEXT = { faster: 'faster', slower: 'slower', same: 'within ±3%' } as const;

function Fact({ term, value, why }: { term: string; value: string; why?: string }) {
  return (
    <div className="card-fact" title={why}>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Card({ card }: { card: VariantCard }) {
  const latency = card.latency;
  const basis =
    latency?.basis === 'gpu-compute' ? 'GPU compute' : card.target === 'cpu' ? 'latency (CPU)' : 'latency';
  return (
    <article
      className={`variant-card${card.isBaseline ? ' baseline' : ''}`}
      aria-label={`Variant ${card.label}`}
      data-testid="variant-card"
    >
      <header>
        <h3>{card.label}</h3>
        {card.isBaseline && <span className="badge">baseline</span>}
      </header>
      <p className="card-device">{card.device ?? 'device not recorded'}</p>
      <div className="card-headline">
        <span className="big">{latency ? ms(latency.p50Ms) : DASH}</span>
        <span className="unit">
          {latency ? `${basis} p50 over ${latency.runs} runs` : 'no end-to-end timing in this run'}
        </span>
      </div>
      {card.speedup ? (
        <p className={`card-speedup mark-${card.speedup.mark}`} data-testid="card-speedup">
          {ratio(card.speedup.value)} vs baseline ({MARK_TEXT[card.speedup.mark]}; {card.speedup.basis})
        </p>
      ) : (
        !card.isBaseline && (
          <p className="card-speedup absent" data-testid="card-speedup">
            speedup: {DASH} ({card.speedupMissing})
          </p>
        )
      )}
      <dl className="card-facts">
        <Fact
          term="p90"
          value={latency?.p90Ms != null ? ms(latency.p90Ms) : DASH}
          why={latency && latency.p90Ms == null ? 'the source gives no p90' : undefined}
        />
        <Fact term="p99" value={latency?.p99Ms != null ? ms(latency.p99Ms) : DASH} />
        <Fact
          term="samples/s"
          value={card.throughput ? rate(card.throughput.samplesPerSec, '') : DASH}
          why={
            card.throughput
              ? `${rate(card.throughput.inferencesPerSec, 'inferences/s')} at batch ${card.throughput.batch}`
              : undefined
          }
        />
        <Fact
          term="per-layer total"
          value={card.perLayer ? ms(card.perLayer.totalMs) : 'no per-layer data'}
          why={
            card.perLayer
              ? `${card.perLayer.timedLayers} aligned rows timed, ${card.perLayer.layers} layers`
              : undefined
          }
        />
        <Fact
          term="engine size"
          value={card.engineSizeBytes !== null ? bytes(card.engineSizeBytes) : 'not recorded'}
        />
        <Fact term="build time" value={card.buildTimeMs !== null ? ms(card.buildTimeMs) : 'not recorded'} />
      </dl>
      <div
        className={`card-accuracy${card.accuracy?.belowThreshold ? ' below' : ''}`}
        data-testid="card-accuracy"
      >
        {card.accuracy ? (
          <>
            <span className="metric-name">{card.accuracy.label}</span>{' '}
            <strong>
              {card.accuracy.kind === 'cosine'
                ? card.accuracy.value.toFixed(6)
                : percent(card.accuracy.value, 1)}
            </strong>
            <span className="metric-inputs"> on {card.accuracy.inputs} inputs</span>
            {card.accuracy.belowThreshold && <span className="below-note"> — under your threshold</span>}
          </>
        ) : (
          <span className="missing">accuracy: {card.accuracyMissing}</span>
        )}
      </div>
      {card.caveats.length > 0 && (
        <ul className="card-caveats" aria-label="Caveats">
          {card.caveats.map((caveat) => (
            <li key={caveat.text}>{caveat.text}</li>
          ))}
        </ul>
      )}
      {card.notes.length > 0 && (
        <details className="card-notes">
          <summary>
            {card.notes.length} note{card.notes.length === 1 ? '' : 's'} from the run
          </summary>
          <ul>
            {card.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

export function VariantCards({ cards }: { cards: VariantCard[] }) {
  return (
    <section className="variant-cards" aria-label="Variants">
      {cards.map((card) => (
        <Card key={card.label} card={card} />
      ))}
    </section>
  );
}
