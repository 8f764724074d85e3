/**
 * Broken and foreign input for every trtexec importer: truncated JSON, wrong types, NaN/huge numbers,
 * unknown layer types, mismatched profile names, files of other tools. Each must end in a StudioError
 * or a warning that names the file, never a crash or a silently wrong number.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import { parseLayerInfoJson } from '../../../electron/core/importers/trtexec-layer-info';
import { parseProfileJson } from '../../../electron/core/importers/trtexec-profile';
import { parseTimesJson } from '../../../electron/core/importers/trtexec-times';
import { parseMetadataJson } from '../../../electron/core/importers/trtexec-metadata';
import { parseTrtexecLog } from '../../../electron/core/importers/trtexec-log';
import { matchProfileToEngine } from '../../../electron/core/importers/profile-matching';
import { fixture } from '../../helpers/fixtures';

const read = (name: string) => fs.readFileSync(fixture(name), 'utf8');
const LABEL = 'bad-file.json';

const parsers = {
  layerInfo: { parse: parseLayerInfoJson, sample: read('trtexec/trt10__alexnet_fp16.graph.json') },
  profile: { parse: parseProfileJson, sample: read('trtexec/trt10__alexnet_fp16.profile.json') },
  times: {
    parse: parseTimesJson,
    sample: read('trtexec/pytorch__resnet__A100__fp16__resnet.timing.json')
      .slice(0, 20000)
      .replace(/,\s*\{[^{}]*$/, '\n]'),
  },
  metadata: { parse: parseMetadataJson, sample: read('trtexec/trt10__alexnet_fp16.profile.metadata.json') },
  log: { parse: parseTrtexecLog, sample: '[I] === Performance summary ===\n[I] Throughput: 10 qps\n' },
};

/** Either a result, or a StudioError whose message starts with the file label. */
function outcome(run: () => unknown): 'ok' | 'studio-error' {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message.startsWith(`${LABEL}: `)).toBe(true);
    return 'studio-error';
  }
}

describe('truncated files', () => {
  for (const [name, { parse, sample }] of Object.entries(parsers)) {
    it(`${name}: any prefix is parsed or refused with a StudioError naming the file`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: sample.length - 1 }), (cut) => {
          outcome(() => parse(sample.slice(0, cut), LABEL));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('a truncated JSON file is reported as such', () => {
    const text = parsers.profile.sample.slice(0, 300);
    expect(() => parseProfileJson(text, LABEL)).toThrow(
      /bad-file.json: not valid JSON \(the file looks truncated\)/,
    );
  });
});

describe('wrong values', () => {
  const badNumbers = fc.oneof(
    fc.constant('NaN'),
    fc.constant('1e400'),
    fc.constant('-1'),
    fc.constant('"fast"'),
    fc.constant('null'),
    fc.constant('[]'),
    fc.constant('{}'),
    fc.constant('1e15'),
  );

  it('profile: a bad averageMs, timeMs or percentage is a StudioError, never a number', () => {
    fc.assert(
      fc.property(badNumbers, fc.constantFrom('timeMs', 'averageMs', 'percentage'), (bad, key) => {
        const text =
          `[{"count": 5}, {"name": "a", "timeMs": 1, "averageMs": 0.2, "medianMs": 0.2, "percentage": 100}]`.replace(
            new RegExp(`"${key}": [\\d.]+`),
            `"${key}": ${bad}`,
          );
        expect(outcome(() => parseProfileJson(text, LABEL))).toBe('studio-error');
      }),
    );
  });

  it('times: a bad latency is a StudioError', () => {
    fc.assert(
      fc.property(badNumbers, (bad) => {
        const text = `[{"startEnqMs": 1, "endEnqMs": 2, "computeMs": 0.5, "latencyMs": ${bad}}]`;
        expect(outcome(() => parseTimesJson(text, LABEL))).toBe('studio-error');
      }),
    );
  });

  it('metadata: a bad summary figure is a StudioError', () => {
    fc.assert(
      fc.property(badNumbers, (bad) => {
        const text = `{"performance_summary": {"Throughput": 10, "Latency": [1, 2, 1.5, ${bad}, 1.9]}}`;
        expect(outcome(() => parseMetadataJson(text, LABEL))).toBe('studio-error');
      }),
    );
  });

  it('metadata: figures out of order are ignored with a warning naming the file', () => {
    const facts = parseMetadataJson('{"performance_summary": {"Latency": [5, 1, 2, 3, 4]}}', LABEL);
    expect(facts.performance!.latency).toBeUndefined();
    expect(facts.warnings.join()).toMatch(/^bad-file.json: performance_summary "Latency" figures are not in/);
  });

  it('layer info: random layer objects give layers or a StudioError, with unknown enums kept as is', () => {
    const tensor = fc.record(
      {
        Name: fc.oneof(fc.string(), fc.integer()),
        Dimensions: fc.oneof(fc.array(fc.integer()), fc.string(), fc.constant(null), fc.array(fc.double())),
        'Format/Datatype': fc.oneof(
          fc.string(),
          fc.constant('Channel major FP16 format where channel % 8 == 0'),
        ),
      },
      { requiredKeys: [] },
    );
    const layer = fc.record(
      {
        Name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        LayerType: fc.oneof(
          fc.string(),
          fc.constantFrom('NoOp', 'Constant', 'shape_call', 'signal', 'FancyNewLayer'),
        ),
        Inputs: fc.oneof(fc.array(tensor), fc.string()),
        Outputs: fc.oneof(fc.array(tensor), fc.integer()),
        TacticName: fc.oneof(fc.string(), fc.integer()),
        StreamId: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 6 }), (layers) => {
        const result = outcome(() => parseLayerInfoJson(JSON.stringify({ Layers: layers }), LABEL));
        if (result === 'ok') {
          const engine = parseLayerInfoJson(JSON.stringify({ Layers: layers }), LABEL);
          for (const l of engine.layers)
            for (const t of [...l.inputs, ...l.outputs]) {
              expect(t.dims === null || t.dims.every((d) => Number.isInteger(d))).toBe(true);
            }
          for (const warning of engine.warnings) expect(warning.startsWith(`${LABEL}: `)).toBe(true);
        }
      }),
    );
  });

  it('layer info: an unknown LayerType stays as given, with unknown precision', () => {
    const engine = parseLayerInfoJson('{"Layers": [{"Name": "x", "LayerType": "FancyNewLayer"}]}', LABEL);
    expect(engine.layers[0]).toMatchObject({
      type: 'FancyNewLayer',
      precision: 'unknown',
      tensorCores: null,
    });
  });
});

describe('files of other tools', () => {
  const foreign = {
    'ONNX Runtime profile': read('traces/onnxruntime_profile__2019-06-28_04-56-43.json'),
    'TREx device metadata': read('trtexec/pytorch__resnet__A100__fp16__resnet.metadata.json'),
    'Torch-TensorRT layer dump': JSON.stringify({ layers: [{ name: 'conv1', type: 'Convolution' }] }),
    'plain text': 'hello world\n',
  };
  for (const [kind, text] of Object.entries(foreign)) {
    it(`${kind}: refused by the layer-info, profile and times parsers`, () => {
      expect(outcome(() => parseLayerInfoJson(text, LABEL))).toBe('studio-error');
      expect(outcome(() => parseProfileJson(text, LABEL))).toBe('studio-error');
      expect(outcome(() => parseTimesJson(text, LABEL))).toBe('studio-error');
    });
  }

  it('a log of something else is not a trtexec log', () => {
    expect(() => parseTrtexecLog('[I] starting server\n[W] low disk\n', LABEL)).toThrow(/not a trtexec log/);
  });
});

describe('a profile whose names do not match its layer information', () => {
  const engine = parseLayerInfoJson(read('trtexec/trt10__alexnet_fp16.graph.json'), 'alexnet.graph.json');

  it('the ResNet profile against the AlexNet layers is reported as another engine', () => {
    const profile = parseProfileJson(
      read('trtexec/trt10__resnet18_fp16.profile.json'),
      'resnet.profile.json',
    );
    const warnings = matchProfileToEngine(profile, engine, 'resnet.profile.json');
    expect(warnings[0]).toMatch(
      /^resnet.profile.json: none of the 26 profile rows names a layer .* another engine/,
    );
    expect(profile.layers.every((row) => row.layerIndex === undefined)).toBe(true);
  });

  it('same row count but other names: matched by position, and said so', () => {
    const profile = parseProfileJson(read('trtexec/trt10__alexnet_fp16.profile.json'), 'p.json');
    profile.layers[3]!.name = 'renamed layer';
    const warnings = matchProfileToEngine(profile, engine, 'p.json');
    expect(warnings[0]).toMatch(/^p.json: 1 of 14 profile rows name another layer .*"renamed layer"/);
  });
});
