/** The traces (kernel timelines, pipeline stages): where each came from, its tracks and spans. */
import { hrefOf, isKnownView } from '../../shell/hash-route';
import { fileName } from '../../store/session-store';
import { SessionSection, type SectionProps } from './SessionSection';

export function TracesSection({ session, sectionRef }: SectionProps) {
  const timeline = isKnownView('timeline');
  return (
    <SessionSection
      id="traces"
      title="Traces"
      count={session.traces.length}
      sectionRef={sectionRef}
      empty="No traces: a run records ONNX Runtime's kernel trace and the pipeline's stages; Nsight Systems SQLite exports and Kineto traces opened from Home bring theirs."
    >
      <table className="small-table wide" aria-label="Traces">
        <thead>
          <tr>
            <th>trace</th>
            <th>source</th>
            <th className="num">tracks</th>
            <th className="num">spans</th>
            <th>from</th>
          </tr>
        </thead>
        <tbody>
          {session.traces.map((trace) => (
            <tr key={trace.id}>
              <td className="mono">
                {timeline ? <a href={hrefOf('timeline', { trace: trace.id })}>{trace.id}</a> : trace.id}
              </td>
              <td>{trace.source}</td>
              <td className="num">{trace.tracks.length}</td>
              <td className="num">{trace.spans.count.toLocaleString('en')}</td>
              <td className="mono">{trace.files.map(fileName).join(', ') || 'recorded by the run'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {session.traces.some((trace) => trace.warnings.length > 0) && (
        <ul className="warnings">
          {session.traces.flatMap((trace) =>
            trace.warnings.map((warning) => (
              <li key={`${trace.id}-${warning}`}>
                {trace.id}: {warning}
              </li>
            )),
          )}
        </ul>
      )}
    </SessionSection>
  );
}
