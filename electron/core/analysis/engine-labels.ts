/**
 * Names of engines as a reader compares them: precision and backend ("FP16 TensorRT"), with the part of
 * the run's name that tells two alike engines apart, never an internal id.
 */
import type { Engine, Precision } from '../model/types';

const PRECISION_WORDS: Record<Precision, string> = {
  fp32: 'FP32',
  fp16: 'FP16',
  bf16: 'BF16',
  int8: 'INT8',
  fp8: 'FP8',
  int4: 'INT4',
  mixed: 'mixed-precision',
  unknown: '',
};

const BACKEND_WORDS: Record<string, string> = {
  trtexec: 'TensorRT',
  tensorrt: 'TensorRT',
  onnxruntime: 'ONNX Runtime',
};

/** "FP16", "INT8", "mixed-precision"; empty for an unknown precision. */
export function precisionWord(precision: Precision): string {
  return PRECISION_WORDS[precision];
}

export function backendWord(backend: string): string {
  return BACKEND_WORDS[backend] ?? backend;
}

/** Drops the prefix and suffix all labels share (`a__fp32__x`, `a__fp16__x` -> `fp32`, `fp16`). */
export function shortenLabels(labels: string[]): string[] {
  if (labels.length < 2) return labels;
  const common = (a: string, b: string, fromEnd: boolean) => {
    let n = 0;
    while (
      n < a.length &&
      n < b.length &&
      (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])
    )
      n++;
    return n;
  };
  let prefix = Math.min(...labels.map((label) => common(labels[0]!, label, false)));
  let suffix = Math.min(...labels.map((label) => common(labels[0]!, label, true)));
  // Cut at separators so names are not split mid-word.
  while (prefix > 0 && !/[._\-/]/.test(labels[0]![prefix - 1]!)) prefix--;
  while (suffix > 0 && !/[._\-/]/.test(labels[0]![labels[0]!.length - suffix]!)) suffix--;
  const short = labels.map((label) =>
    label.slice(prefix, label.length - suffix).replace(/^[._\-/]+|[._\-/]+$/g, ''),
  );
  return short.every((label) => label.length > 0) && new Set(short).size === labels.length ? short : labels;
}

export interface NamedEngine {
  engine: Engine;
  /** The name the user knows its run by (a trtexec run's stem, a file name). */
  name: string;
  /** The model file it was built from, when known. */
  modelName?: string;
}

/** The first way of telling these engines apart that gives each a different word, if any. */
function distinctWords(items: NamedEngine[]): string[] | undefined {
  const models = items.map((item) => item.modelName?.replace(/\.onnx$/i, '') ?? '');
  if (models.every(Boolean) && new Set(models).size === items.length) return models;
  const names = shortenLabels(items.map((item) => item.name));
  return new Set(names).size === items.length ? names : undefined;
}

/**
 * One label per engine: "FP32 TensorRT"; engines that would share a label get what tells them apart,
 * their model's name or the distinct part of their run's name ("INT8 TensorRT (resnet-qat)"), else a
 * number.
 */
export function engineLabels(items: NamedEngine[]): string[] {
  const base = items.map(({ engine }) =>
    engine.precision === 'unknown'
      ? `${backendWord(engine.backend)} (precision unknown)`
      : `${precisionWord(engine.precision)} ${backendWord(engine.backend)}`,
  );
  const labels = [...base];
  for (const label of new Set(base)) {
    const same = base.flatMap((b, i) => (b === label ? [i] : []));
    if (same.length < 2) continue;
    const words = distinctWords(same.map((i) => items[i]!));
    same.forEach((i, n) => (labels[i] = words ? `${label} (${words[n]})` : `${label} #${n + 1}`));
  }
  return labels;
}
