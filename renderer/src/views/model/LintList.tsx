/** The model's lints: severity, what was found, why it matters for latency, what to do. */
import type { Lint } from '../../../../electron/core/model/types';

const NODES_SHOWN = 6;

function nodeList(nodes: string[]): string {
  const shown = nodes.slice(0, NODES_SHOWN).join(', ');
  return nodes.length > NODES_SHOWN ? `${shown} (+${nodes.length - NODES_SHOWN} more)` : shown;
}

export function LintList({ lints }: { lints: Lint[] }) {
  return (
    <section className="lints" aria-label="Lints">
      <h3>Lints ({lints.length})</h3>
      {lints.length === 0 && <p>No findings.</p>}
      <ul>
        {lints.map((lint, index) => (
          <li key={`${lint.id}-${index}`} className={`lint ${lint.severity}`}>
            <div className="lint-head">
              <span className="severity">{lint.severity}</span>
              <span className="lint-id">{lint.id}</span>
            </div>
            <p className="message">{lint.message}</p>
            {lint.nodes.length > 0 && <p className="nodes">nodes: {nodeList(lint.nodes)}</p>}
            <p className="why">why: {lint.why}</p>
            {lint.fix && <p className="fix">fix: {lint.fix}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
