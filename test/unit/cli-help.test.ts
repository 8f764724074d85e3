/** Every CLI command documents itself: --help works and describes the command and each option. */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../electron/cli/main';
import { runCli } from '../helpers/cli';

describe('CLI help', () => {
  const program = buildProgram();

  it('lists the commands of the studio', () => {
    const names = program.commands.map((c) => c.name());
    expect(names).toContain('inspect');
    expect(names.length).toBeGreaterThanOrEqual(1);
  });

  for (const command of buildProgram().commands) {
    it(`${command.name()} has a description and described options`, () => {
      expect(command.description().length).toBeGreaterThan(10);
      for (const option of command.options) {
        expect(option.description.length, option.flags).toBeGreaterThan(3);
        // Every option that takes a value says what happens without it.
        if (option.required || option.optional)
          expect(option.description, option.flags).toMatch(/\((choices: [^;]+; )?default: [^)]+\)$/);
      }
      expect(command.helpInformation()).toContain(`Usage: trt-studio ${command.name()}`);
    });
  }

  it('--help exits 0 through the real binary', () => {
    const result = runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of program.commands) expect(result.stdout).toContain(command.name());
  });

  it('options with a fixed set of values list them, from the schemas core validates with', () => {
    const help = (name: string) => program.commands.find((c) => c.name() === name)!.helpInformation();
    const profile = help('profile').replace(/\s+/g, ' ');
    for (const listed of [
      '--precisions <list> comma-separated precisions to make and profile (choices: fp32, fp16, int8; default: fp32,fp16,int8)',
      "(choices: onnxruntime, tensorrt; default: the backend's)",
      '(choices: disabled, basic, extended, layout, all; default: all)',
      '(choices: auto, minmax, percentile, entropy; default: auto)',
      '(choices: stretch, letterbox; default: stretch)',
      '(choices: none, classifier, yolox, fastestdet, detr; default: none)',
      '--iterations <n> timed iterations per variant (default: 100)',
      '--warmup <n> warm-up iterations (default: 10)',
    ])
      expect(profile).toContain(listed);
    expect(help('doctor')).toContain('--gpu <n>');
    expect(help('doctor')).not.toContain('--device');
    expect(help('inspect')).toContain('--device <name|spec>');
  });

  it('an unknown command is a usage error (exit 2)', () => {
    const result = runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
