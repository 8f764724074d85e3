/** Notes across the variants (each variant's own caveats sit on its card under Variants). */
import type { Report } from '../../../../electron/core/model/report';

export function NotesSection({ report }: { report: Report }) {
  const count = report.variants.reduce((sum, v) => sum + v.caveats.length, 0);
  return (
    <>
      <p>
        {count} caveat(s) are listed on the variant cards, next to the figures they concern (
        <a href="#variants">Variants</a>).
      </p>
      {report.notes.length === 0 ? (
        <p>No notes across variants.</p>
      ) : (
        <ul>
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}
