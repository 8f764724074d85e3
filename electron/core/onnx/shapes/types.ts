/**
 * What shape inference knows about one tensor, and the signature of a per-op shape rule.
 * Rules are pure: they read the facts of a node's inputs and return the facts of its outputs.
 */
import type { Dim, DType } from '../../model/types';
import type { OnnxNode } from '../graph';

/** A tensor as inference sees it: dtype, shape (null = rank unknown), and small constant values. */
export interface TensorFact {
  dtype: DType;
  shape: Dim[] | null;
  /**
   * The tensor's values, flattened, when they are known at analysis time and small (shape vectors,
   * Slice starts, Resize scales...). Symbols stand for dims that are symbolic (Shape of a dynamic input).
   */
  value?: Dim[];
}

export interface ShapeContext {
  /** The fact of a tensor, or undefined when it is unknown or the name is '' (an omitted optional input). */
  fact(name: string): TensorFact | undefined;
  /** The constant values of a tensor when known (initializers are read on first request, small ones only). */
  value(name: string): Dim[] | undefined;
  /** Opset of the default ONNX domain: some ops moved attributes to inputs (Squeeze 13, Slice 10...). */
  opset: number;
}

/** One entry per node output; null where the output's fact cannot be told. */
export type ShapeRule = (node: OnnxNode, ctx: ShapeContext) => (TensorFact | null)[];

export type ShapeRules = Record<string, ShapeRule>;
