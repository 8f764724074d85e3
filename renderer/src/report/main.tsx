/** Report entry: renders the report embedded in the page (`<script type="application/json" id="report-data">`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Report } from '../../../electron/core/model/report';
import { ReportPage } from './ReportPage';
import '../styles.css';
import './report.css';

function embeddedReport(): Report | null {
  const text = document.getElementById('report-data')?.textContent ?? 'null';
  return JSON.parse(text) as Report | null;
}

const report = embeddedReport();
if (report) document.title = `${report.title}: TensorRT Profiling Studio report`;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {report ? <ReportPage report={report} /> : <p className="hint">This page holds no report data.</p>}
  </StrictMode>,
);
