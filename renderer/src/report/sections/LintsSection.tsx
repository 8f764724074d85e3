/** Findings about the model and each engine, with why they matter and what to do (the app's lint list). */
import type { Report } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { LintList } from '../../views/model/LintList';

export function LintsSection({ report }: { report: Report }) {
  const lints = report.lints.map((lint) => ({
    ...lint,
    message: `[${variantLabel(report, lint.variant)}] ${lint.message}`,
    fix: lint.fix ?? undefined,
  }));
  // A report has no node table to link into: node names are plain text there.
  return <LintList lints={lints} nodeHref={() => null} />;
}
