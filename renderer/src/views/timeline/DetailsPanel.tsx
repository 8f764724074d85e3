/** The selected span: what it is, where and how long it ran, its launch, its layer and ONNX nodes, its links. */
import type { LinkedSpan, SpanDetails } from '../../../../electron/core/model/timeline-data';
import { formatBytes, formatDurationNs } from '../../../../electron/core/model/units';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function DetailsPanel({
  details,
  originNs,
  onSelect,
}: {
  details: SpanDetails | null;
  originNs: number;
  onSelect(link: LinkedSpan): void;
}) {
  if (!details) return <p className="hint">Click a span to see its details.</p>;
  const triple = (values: number[]) => values.join(' × ');
  return (
    <section aria-label="Span details" className="timeline-details">
      <h3 title={details.name}>{details.name}</h3>
      <dl>
        <Row label="Kind">{details.kind}</Row>
        <Row label="Duration">{formatDurationNs(details.durationNs)}</Row>
        <Row label="Start">{formatDurationNs(details.startNs - originNs)}</Row>
        <Row label="Track">{details.trackName}</Row>
        {details.streamId !== undefined && <Row label="Stream">{details.streamId}</Row>}
        {details.deviceId !== undefined && <Row label="Device">{details.deviceId}</Row>}
        {details.launch && (
          <>
            <Row label="Grid">{triple(details.launch.grid)}</Row>
            <Row label="Block">{triple(details.launch.block)}</Row>
            <Row label="Registers">{details.launch.registersPerThread} per thread</Row>
            <Row label="Shared memory">{formatBytes(details.launch.sharedMemoryBytes)}</Row>
          </>
        )}
        {details.bytes !== undefined && (
          <Row label="Size">
            {formatBytes(details.bytes)}
            {details.copyKind ? ` (${details.copyKind})` : ''}
          </Row>
        )}
        {details.correlation !== undefined && <Row label="Correlation">{details.correlation}</Row>}
        {details.layer && <Row label="Layer">{details.layer}</Row>}
        {details.engineLayer && (
          <>
            <Row label="Engine layer">
              {details.engineLayer.name} ({details.engineLayer.type}, {details.engineLayer.precision})
            </Row>
            {details.engineLayer.tacticName && <Row label="Tactic">{details.engineLayer.tacticName}</Row>}
            <Row label="ONNX nodes">
              {details.engineLayer.originNodes.length > 0
                ? details.engineLayer.originNodes.join(', ')
                : 'none recorded'}
            </Row>
          </>
        )}
      </dl>
      {details.flows.length > 0 && (
        <>
          <h4>Linked ({details.flows.length})</h4>
          <ul className="timeline-links">
            {details.flows.map((link) => (
              <li key={`${link.direction}:${link.span}`}>
                <button type="button" className="link" onClick={() => onSelect(link)}>
                  {link.direction === 'in' ? '← ' : '→ '}
                  {link.name}
                </button>{' '}
                <span className="muted">
                  {link.trackName}, {formatDurationNs(link.durationNs)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
