/** `trt-studio inspect <model.onnx>`: structure, shapes, cost and lints of an ONNX model. */
import { InvalidArgumentError, type Command } from 'commander';
import { StudioError } from '../../core/errors';
import { toJson } from '../../core/model/serialize';
import { DEFAULT_DEVICE, resolveCeilings } from '../../core/onnx/device-ceilings';
import { inspectModel } from '../../core/onnx/inspect-model';
import { inspectModelByExecution } from '../../core/profiling/inspect-by-execution';
import { formatModelSummary } from '../format/model-summary';
import { option, shapeSpec } from '../options';

/** Checks a --device spec as it is read, so a typo is a usage error naming the flag. */
function deviceSpec(value: string): string {
  try {
    resolveCeilings(value);
  } catch (error) {
    if (error instanceof StudioError)
      throw new InvalidArgumentError(error.problem.replace(/^--device "[^"]*": /, ''));
    throw error;
  }
  return value;
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description(
      'summarize an ONNX model: inputs/outputs, opsets, parameters, FLOPs, bytes moved, top ops, lints',
    )
    .argument('<model.onnx>', 'the ONNX model (external data is read from beside it)')
    .addOption(
      option('--shape <name:dims>', 'set a symbolic or dynamic input, e.g. images:1x3x640x640 (repeatable)', {
        default: {},
        defaultText: "the model's own dims",
        parse: shapeSpec,
      }),
    )
    .addOption(
      option(
        '--device <name|spec>',
        'ceilings for compute/memory-bound: h100, a100, l4, orin, ... or fp32=,fp16=,int8=,bw=',
        { defaultText: DEFAULT_DEVICE, parse: deviceSpec },
      ),
    )
    .option(
      '--run-shapes',
      'run the model once on ONNX Runtime (CPU) to learn shapes static inference cannot',
    )
    .option('--json', 'print the canonical Model as JSON')
    .action(
      async (
        file: string,
        options: { shape: Record<string, number[]>; device?: string; json?: boolean; runShapes?: boolean },
      ) => {
        const inspectOptions = { shapes: options.shape, device: options.device };
        const model = options.runShapes
          ? await inspectModelByExecution(file, inspectOptions)
          : inspectModel(file, inspectOptions);
        process.stdout.write(options.json ? `${toJson(model, 2)}\n` : `${formatModelSummary(model)}\n`);
      },
    );
}
