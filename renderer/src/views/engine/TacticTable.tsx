/** The tactics (kernels) that take the time, slowest first, with their full names (they differ in the middle). */
import type { TacticTime } from '../../../../electron/core/model/views/engine-report';
import { ms, percent } from '../../components/format';

export function TacticTable({ tactics, shown }: { tactics: TacticTime[]; shown: number }) {
  return (
    <section className="tactics" aria-label="Tactics">
      <h3>
        Tactics by time ({Math.min(shown, tactics.length)} of {tactics.length})
      </h3>
      <table className="tactic-table" data-testid="engine-tactics">
        <thead>
          <tr>
            <th>tactic / kernel</th>
            <th>layers</th>
            <th>time</th>
            <th>share</th>
          </tr>
        </thead>
        <tbody>
          {tactics.slice(0, shown).map((tactic) => (
            <tr key={tactic.tactic}>
              <td className="name">{tactic.tactic}</td>
              <td className="num">{tactic.layers}</td>
              <td className="num">{ms(tactic.timeMs)}</td>
              <td className="num">{percent(tactic.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
