/** `trt-studio inspect <model.onnx>`: structure, shapes, cost and lints of an ONNX model. */
import type { Command } from 'commander';
import { toJson } from '../../core/model/serialize';
import { inspectModel } from '../../core/onnx/inspect-model';
import { inspectModelByExecution } from '../../core/profiling/inspect-by-execution';
import { parseShapeSpecs } from '../../core/onnx/shape-spec';
import { formatModelSummary } from '../format/model-summary';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description(
      'summarize an ONNX model: inputs/outputs, opsets, parameters, FLOPs, bytes moved, top ops, lints',
    )
    .argument('<model.onnx>', 'the ONNX model (external data is read from beside it)')
    .option(
      '--shape <name:dims>',
      'set a symbolic or dynamic input, e.g. images:1x3x640x640 (repeatable)',
      collect,
      [],
    )
    .option(
      '--device <name|spec>',
      'ceilings for compute/memory-bound: h100, a100, l4, orin, ... or fp32=,fp16=,int8=,bw=',
    )
    .option(
      '--run-shapes',
      'run the model once on ONNX Runtime (CPU) to learn shapes static inference cannot',
    )
    .option('--json', 'print the canonical Model as JSON')
    .action(
      async (
        file: string,
        options: { shape: string[]; device?: string; json?: boolean; runShapes?: boolean },
      ) => {
        const inspectOptions = { shapes: parseShapeSpecs(options.shape), device: options.device };
        const model = options.runShapes
          ? await inspectModelByExecution(file, inspectOptions)
          : inspectModel(file, inspectOptions);
        process.stdout.write(options.json ? `${toJson(model, 2)}\n` : `${formatModelSummary(model)}\n`);
      },
    );
}
