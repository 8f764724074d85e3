/**
 * Output size of a sliding window (Conv, pools) along one spatial axis, per the ONNX operator spec:
 * explicit pads, auto_pad SAME_UPPER / SAME_LOWER / VALID, dilation, and ceil_mode for pools.
 */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr, intsAttr, stringAttr } from './attributes';

export interface WindowParams {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** ONNX layout: [x1_begin, x2_begin, ..., x1_end, x2_end, ...]. */
  pads: number[];
  autoPad: string;
  ceilMode: boolean;
}

/** Reads kernel/stride/dilation/pads attributes; `kernel` comes from the attribute or the weight dims. */
export function windowParams(node: OnnxNode, kernel: number[]): WindowParams {
  const spatial = kernel.length;
  return {
    kernel,
    strides: intsAttr(node, 'strides') ?? new Array(spatial).fill(1),
    dilations: intsAttr(node, 'dilations') ?? new Array(spatial).fill(1),
    pads: intsAttr(node, 'pads') ?? new Array(spatial * 2).fill(0),
    autoPad: stringAttr(node, 'auto_pad', 'NOTSET'),
    ceilMode: intAttr(node, 'ceil_mode', 0) === 1,
  };
}

export function windowOutputDim(input: Dim, axis: number, p: WindowParams): Dim {
  if (typeof input !== 'number') return null;
  const stride = p.strides[axis] ?? 1;
  const effectiveKernel = (p.dilations[axis] ?? 1) * ((p.kernel[axis] ?? 1) - 1) + 1;
  if (p.autoPad === 'SAME_UPPER' || p.autoPad === 'SAME_LOWER') return Math.ceil(input / stride);
  if (p.autoPad === 'VALID') return Math.floor((input - effectiveKernel) / stride) + 1;
  const padBegin = p.pads[axis] ?? 0;
  const padEnd = p.pads[axis + p.kernel.length] ?? 0;
  const span = input + padBegin + padEnd - effectiveKernel;
  if (!p.ceilMode) return Math.floor(span / stride) + 1;
  let output = Math.ceil(span / stride) + 1;
  // A last window that would start inside the end padding is dropped (PyTorch and ONNX >= 19 agree).
  if ((output - 1) * stride >= input + padBegin) output -= 1;
  return output;
}

/** Spatial output dims for an input [N, C, ...spatial]. */
export function windowOutputSpatial(inputSpatial: Dim[], p: WindowParams): Dim[] {
  return inputSpatial.map((d, axis) => windowOutputDim(d, axis, p));
}
