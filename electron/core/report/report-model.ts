/**
 * One report model built from a Session and the Comparison of its engines: environment, variant cards,
 * aligned layers, slowest layers, regressions, time per layer type, lints with fixes, roofline points
 * and ceilings, a timeline overview, the pipeline share, caveats. Every figure comes from analysis/
 * (sessions -> comparison, regressions, engine summaries and lints, roofline) or straight from the session; this
 * file only arranges them. Every output format (JSON, CSV, HTML, PDF) is written from this one object.
 */
import path from 'node:path';
import { lintEngine } from '../analysis/engine-lints';
import { rooflineOf } from '../analysis/roofline';
import { APP_NAME, APP_VERSION } from '../model/app-info';
import type { MachineInfo, Session } from '../model/types';
import { generalNotes, INT8_PAYOFF_PREFIX } from './report-caveats';
import { reportComparison, type ReportInput } from './report-inputs';
import { layerRows, mismatchesOf, regressionsOf, slowestLayers, timeByLayerType } from './report-layers';
import { pipelinesOf } from './report-pipelines';
import { REPORT_VERSION, type Report } from '../model/report';
import { timelineOverview } from './report-timeline';
import { variantCards } from './report-variants';

export interface ReportOptions {
  /** The session file the report is made from (its name is shown; paths stay as given). */
  sessionPath?: string;
  /** Label or precision of the baseline (default FP32, else the widest precision). */
  baseline?: string;
  /** Fixed clock for reproducible output (tests). */
  now?: Date;
}

function modelSection(session: Session): Report['model'] {
  const model = session.model;
  if (!model) return null;
  return {
    path: model.source.path,
    sha256: model.source.sha256,
    sizeBytes: model.source.sizeBytes,
    graphName: model.graphName,
    opsets: model.opsets,
    producer: [model.producer.name, model.producer.version].filter(Boolean).join(' '),
    nodes: model.nodes.length,
    parameterBytes: model.parameterBytes,
    flops: model.totals.flops,
    inputs: model.inputs,
    outputs: model.outputs,
  };
}

function environmentOf(inputs: ReportInput[]): Report['environment'] {
  const machines = new Map<string, MachineInfo>();
  for (const { engine, profile } of inputs) {
    const machine: MachineInfo = { ...(profile?.machine ?? {}) };
    const device = machine.device ?? engine.device;
    if (device) {
      const { extra: _extra, ...plain } = device;
      machine.device = plain;
    }
    machines.set(JSON.stringify(machine), machine);
  }
  const backends = new Map(
    inputs.map(({ engine }) => [
      `${engine.backend} ${engine.backendVersion ?? ''}`,
      { name: engine.backend, version: engine.backendVersion ?? null },
    ]),
  );
  return { machines: [...machines.values()], backends: [...backends.values()] };
}

function lintsOf(session: Session, inputs: ReportInput[]): Report['lints'] {
  const modelLints = (session.model?.lints ?? []).map((lint) => ({ ...lint, variant: null }));
  const engineLints = inputs.flatMap(({ engine }, variant) =>
    lintEngine(engine).map((lint) => ({ ...lint, variant })),
  );
  return [...modelLints, ...engineLints].map((lint) => ({
    variant: lint.variant,
    id: lint.id,
    severity: lint.severity,
    nodes: lint.nodes,
    message: lint.message,
    why: lint.why,
    fix: lint.fix ?? null,
  }));
}

function int8PayoffOf(inputs: ReportInput[]): Report['int8Payoff'] {
  return inputs.flatMap(({ profile }, variant) => {
    const sentences = (profile?.warnings ?? [])
      .filter((warning) => warning.startsWith(INT8_PAYOFF_PREFIX))
      .map((warning) => warning.slice(INT8_PAYOFF_PREFIX.length));
    return sentences.length > 0 ? [{ variant, sentences }] : [];
  });
}

function rooflineSection(session: Session, inputs: ReportInput[]): Report['roofline'] {
  const section: Report['roofline'] = { ceilings: [], points: [], notes: [] };
  inputs.forEach((input, variant) => {
    if (!input.profile?.layers.length) return;
    const roofline = rooflineOf(input, session.model);
    const roofs = roofline.ceilings;
    if (roofs) {
      const { name, source, fp32Tflops, fp16Tflops, int8Tops, dramGBps } = roofs;
      section.ceilings.push({ variant, device: name, source, fp32Tflops, fp16Tflops, int8Tops, dramGBps });
    } else {
      section.notes.push(
        `${input.label}: no roofs for ${input.engine.device?.name ?? 'an unnamed device'} (datasheet roofs exist for NVIDIA GPUs only): points without ceilings`,
      );
    }
    const { noFlops, noBytes } = roofline.skipped;
    if (noFlops + noBytes > 0) {
      section.notes.push(
        `${input.label}: ${noFlops + noBytes} timed layer(s) left out (${noFlops} without a FLOP count, ${noBytes} without tensor sizes)`,
      );
    }
    for (const { flopsFrom: _from, ...point } of roofline.points) section.points.push({ variant, ...point });
  });
  return section;
}

function titleOf(session: Session, sessionPath: string | undefined): string {
  const model = session.model?.source.path;
  if (model) return path.basename(model);
  return sessionPath ? path.basename(sessionPath) : 'session';
}

export function buildReport(session: Session, options: ReportOptions = {}): Report {
  const { inputs, comparison, baselineNote } = reportComparison(
    session,
    options.baseline,
    options.sessionPath,
  );
  return {
    kind: 'trt-studio-report',
    reportVersion: REPORT_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    app: { name: APP_NAME, version: APP_VERSION },
    title: titleOf(session, options.sessionPath),
    source: {
      session: options.sessionPath ? path.basename(options.sessionPath) : null,
      sessionSchemaVersion: session.schemaVersion,
      sessionCreatedAt: session.createdAt,
    },
    model: modelSection(session),
    environment: environmentOf(inputs),
    baseline: 0,
    variants: variantCards(session, inputs, comparison),
    layers: layerRows(comparison),
    slowestLayers: slowestLayers(inputs),
    regressions: regressionsOf(comparison),
    timeByLayerType: timeByLayerType(comparison),
    lints: lintsOf(session, inputs),
    mismatches: mismatchesOf(comparison),
    int8Payoff: int8PayoffOf(inputs),
    roofline: rooflineSection(session, inputs),
    timeline: timelineOverview(session.traces, inputs),
    pipelines: pipelinesOf(inputs),
    notes: [baselineNote, ...generalNotes(inputs, comparison), ...session.notes],
  };
}
