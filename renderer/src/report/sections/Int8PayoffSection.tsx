/** Why INT8 did or did not pay against FP32, in the words the profile job wrote. */
import type { Report } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';

export function Int8PayoffSection({ report }: { report: Report }) {
  if (report.int8Payoff.length === 0)
    return (
      <p>
        No INT8 payoff breakdown in this session (it is made when the studio profiles FP32 and INT8 itself).
      </p>
    );
  return (
    <>
      {report.int8Payoff.map((payoff) => (
        <div key={payoff.variant}>
          <h3>{variantLabel(report, payoff.variant)}</h3>
          <ul>
            {payoff.sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
