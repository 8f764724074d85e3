/** Accuracy of each variant against its FP32 reference: task agreement, then each output's error. */
import type { AccuracyResult } from '../../../../electron/core/model/types';
import { SessionItem } from './SessionItem';
import { SessionSection, type SectionProps } from './SessionSection';

const percent = (value: number | undefined) => (value === undefined ? null : `${(value * 100).toFixed(1)}%`);

/** Float outputs carry cosine and errors; integer outputs (labels) an agreement (older sessions: float). */
const floatOutputs = (result: AccuracyResult) =>
  result.outputs.flatMap((o) => (o.kind === 'integer' ? [] : [o]));

function headline(result: AccuracyResult): string {
  const worst = Math.min(...floatOutputs(result).map((output) => output.cosine));
  const parts = [
    `${result.inputs} inputs`,
    percent(result.top1Agreement) && `top-1 agreement ${percent(result.top1Agreement)}`,
    percent(result.boxAgreement) && `box agreement ${percent(result.boxAgreement)}`,
    Number.isFinite(worst) && `worst output cosine ${worst.toFixed(5)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function AccuracySection({ session, sectionRef }: SectionProps) {
  return (
    <SessionSection
      id="accuracy"
      title="Accuracy"
      count={session.accuracy.length}
      sectionRef={sectionRef}
      empty="No accuracy results: a run with more than FP32 compares each variant's outputs with FP32's on the evaluation data."
    >
      <ul className="item-list">
        {session.accuracy.map((result) => (
          <SessionItem
            key={`${result.variantId}-${result.referenceVariantId}`}
            title={`${result.variantId} vs ${result.referenceVariantId}`}
            text={headline(result)}
          >
            {() => (
              <>
                <table className="small-table" aria-label={`Outputs of ${result.variantId}`}>
                  <thead>
                    <tr>
                      <th>output</th>
                      <th className="num">cosine</th>
                      <th className="num">SNR dB</th>
                      <th className="num">max |error|</th>
                      <th className="num">mean |error|</th>
                    </tr>
                  </thead>
                  <tbody>
                    {floatOutputs(result).map((output) => (
                      <tr key={output.name}>
                        <td className="mono">{output.name}</td>
                        <td className="num">{output.cosine.toFixed(5)}</td>
                        <td className="num">{output.snrDb.toFixed(1)}</td>
                        <td className="num">{output.maxAbsError.toPrecision(3)}</td>
                        <td className="num">{output.meanAbsError.toPrecision(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {result.top5Agreement !== undefined && (
                  <p>Top-5 agreement {percent(result.top5Agreement)}.</p>
                )}
                {result.firstJump && (
                  <p>
                    The error first jumps at <span className="mono">{result.firstJump.node}</span> (cosine{' '}
                    {result.firstJump.cosine.toFixed(4)}).
                  </p>
                )}
              </>
            )}
          </SessionItem>
        ))}
      </ul>
    </SessionSection>
  );
}
