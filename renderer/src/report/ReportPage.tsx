/**
 * The whole report, section after section, with a table of contents linking to each. Everything shown
 * comes from the report model built in core (report-model.ts); the page only lays it out.
 */
import type { Report } from '../../../electron/core/model/report';
import type { ReactNode } from 'react';
import { ReportSection, type SectionLink } from './ReportSection';
import { AccuracySection } from './sections/AccuracySection';
import { NotesSection } from './sections/NotesSection';
import { EnvironmentSection } from './sections/EnvironmentSection';
import { Int8PayoffSection } from './sections/Int8PayoffSection';
import { LayerTableSection } from './sections/LayerTableSection';
import { LayerTypesSection } from './sections/LayerTypesSection';
import { LintsSection } from './sections/LintsSection';
import { PipelineSection } from './sections/PipelineSection';
import { RegressionsSection } from './sections/RegressionsSection';
import { RooflineSection } from './sections/RooflineSection';
import { SlowestLayersSection } from './sections/SlowestLayersSection';
import { TimelineSection } from './sections/TimelineSection';
import { VariantsSection } from './sections/VariantsSection';

const SECTIONS: (SectionLink & { Component: (props: { report: Report }) => ReactNode })[] = [
  { id: 'variants', title: 'Variants', Component: VariantsSection },
  { id: 'environment', title: 'Environment', Component: EnvironmentSection },
  { id: 'accuracy', title: 'Accuracy', Component: AccuracySection },
  { id: 'slowest-layers', title: 'Slowest layers', Component: SlowestLayersSection },
  { id: 'regressions', title: 'Regressions', Component: RegressionsSection },
  { id: 'int8-payoff', title: 'INT8 payoff', Component: Int8PayoffSection },
  { id: 'layer-types', title: 'Time per layer type', Component: LayerTypesSection },
  { id: 'roofline', title: 'Roofline', Component: RooflineSection },
  { id: 'timeline', title: 'Timeline', Component: TimelineSection },
  { id: 'pipeline', title: 'Pre/post-processing and copies', Component: PipelineSection },
  { id: 'lints', title: 'Lints', Component: LintsSection },
  { id: 'layers', title: 'Layers', Component: LayerTableSection },
  { id: 'notes', title: 'Notes', Component: NotesSection },
];

export function ReportPage({ report }: { report: Report }) {
  const generated = new Date(report.generatedAt).toISOString().replace('T', ' ').slice(0, 16);
  return (
    <main className="report">
      <header className="report-header">
        <h1>{report.title}</h1>
        <p className="note">
          {report.variants.map((v) => v.label).join(' vs ')} · baseline{' '}
          {report.variants[report.baseline]?.label} · generated {generated} UTC by {report.app.name}{' '}
          {report.app.version}
          {report.source.session && ` from ${report.source.session}`}
        </p>
        <nav aria-label="Contents" className="report-contents">
          {SECTIONS.map((section) => (
            <a key={section.id} href={`#${section.id}`}>
              {section.title}
            </a>
          ))}
        </nav>
      </header>
      {SECTIONS.map(({ id, title, Component }) => (
        <ReportSection key={id} id={id} title={title}>
          <Component report={report} />
        </ReportSection>
      ))}
    </main>
  );
}
