/** Each timed layer as a roofline point per variant, under the roofs of the precisions they ran in. */
import { useMemo } from 'react';
import type { Report } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { RooflineChart, type Roof } from '../../charts/RooflineChart';

const PEAK_KEYS = { fp32: 'fp32Tflops', fp16: 'fp16Tflops', int8: 'int8Tops' } as const;

export function RooflineSection({ report }: { report: Report }) {
  const { points, roofs } = useMemo(() => {
    const used = new Set(report.roofline.points.map((p) => p.roof));
    const seen = new Set<string>();
    const roofs: Roof[] = [];
    for (const c of report.roofline.ceilings) {
      for (const roof of ['fp32', 'fp16', 'int8'] as const) {
        const label = `${c.device} ${roof.toUpperCase()} (${c.source})`;
        if (!used.has(roof) || seen.has(label)) continue;
        seen.add(label);
        roofs.push({ label, peakFlopsPerSec: c[PEAK_KEYS[roof]] * 1e12, bytesPerSec: c.dramGBps * 1e9 });
      }
    }
    const points = report.roofline.points.map((p) => ({
      group: variantLabel(report, p.variant),
      layer: p.layer,
      layerType: p.layerType,
      intensity: p.intensity,
      flopsPerSec: p.achievedFlopsPerSec,
      timeMs: p.timeMs,
    }));
    return { points, roofs };
  }, [report]);
  return (
    <>
      {points.length > 0 ? (
        <RooflineChart
          title="Roofline: achieved FLOP/s against arithmetic intensity"
          points={points}
          roofs={roofs}
        />
      ) : (
        <p>No layer has both a FLOP count and a time, so there is no roofline to draw.</p>
      )}
      {report.roofline.ceilings.length > 0 && (
        <p className="note">
          Roofs:{' '}
          {[
            ...new Set(
              report.roofline.ceilings.map(
                (c) =>
                  `${c.device} (${c.source}): FP32 ${c.fp32Tflops} TFLOP/s, FP16 ${c.fp16Tflops} TFLOP/s, INT8 ${c.int8Tops} TOP/s, DRAM ${c.dramGBps} GB/s`,
              ),
            ),
          ].join('; ')}
        </p>
      )}
      {report.roofline.notes.length > 0 && (
        <ul className="notes">
          {report.roofline.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}
