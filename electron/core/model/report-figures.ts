/** Read-outs of report fields that several formats show (CSV, HTML). */
import type { Report, ReportVariant } from './report';

/** The worst output cosine of a variant against its reference; null when not measured. */
export function worstCosine(variant: ReportVariant): number | null {
  const cosines = variant.accuracy?.outputs.map((output) => output.cosine) ?? [];
  return cosines.length > 0 ? Math.min(...cosines) : null;
}

/** A variant's label, or 'model' for findings about the ONNX model itself. */
export function variantLabel(report: Report, index: number | null): string {
  return index === null ? 'model' : (report.variants[index]?.label ?? `variant ${index}`);
}
