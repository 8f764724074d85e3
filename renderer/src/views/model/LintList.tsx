/**
 * The model's lints: severity, what was found, why it matters for latency, what to do. Each node a
 * lint names is a link to its row in the node table (and selects it everywhere).
 */
import { useState } from 'react';
import type { Lint } from '../../../../electron/core/model/types';
import { hrefOf } from '../../shell/hash-route';

const NODES_SHOWN = 8;

/** Where a node name links to: the app's node table by default; null draws the name as plain text. */
export type NodeHref = (node: string) => string | null;
const appNodeHref: NodeHref = (node) => hrefOf('model', { layer: node });

function NodeLinks({ nodes, nodeHref }: { nodes: string[]; nodeHref: NodeHref }) {
  const [all, setAll] = useState(false);
  const shown = all ? nodes : nodes.slice(0, NODES_SHOWN);
  return (
    <p className="nodes">
      nodes:{' '}
      {shown.map((node, index) => (
        <span key={node}>
          {index > 0 && ', '}
          {nodeHref(node) === null ? (
            <span className="node-name">{node}</span>
          ) : (
            <a href={nodeHref(node)!} className="node-link">
              {node}
            </a>
          )}
        </span>
      ))}
      {nodes.length > shown.length && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => setAll(true)}>
            (+{nodes.length - shown.length} more)
          </button>
        </>
      )}
    </p>
  );
}

export function LintList({ lints, nodeHref = appNodeHref }: { lints: Lint[]; nodeHref?: NodeHref }) {
  return (
    <section className="lints" aria-label="Lints">
      <h3>Lints ({lints.length})</h3>
      {lints.length === 0 && (
        <p className="note">No findings: nothing in this model's structure stands out.</p>
      )}
      <ul>
        {lints.map((lint, index) => (
          <li key={`${lint.id}-${index}`} className={`lint ${lint.severity}`}>
            <div className="lint-head">
              <span className="severity">{lint.severity}</span>
              <span className="lint-id">{lint.id}</span>
            </div>
            <p className="message">{lint.message}</p>
            {lint.nodes.length > 0 && <NodeLinks nodes={lint.nodes} nodeHref={nodeHref} />}
            <p className="why">why: {lint.why}</p>
            {lint.fix && <p className="fix">fix: {lint.fix}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
