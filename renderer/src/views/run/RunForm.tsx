/**
 * The settings of a run: precisions, backend (what this machine has, and why not the others),
 * calibration data and method, evaluation data, iterations or duration, warm-up, threads, batch,
 * shapes, post-processing. Start checks the settings in core first (validateRun: the model, shapes,
 * and each data source opened and its first sample read) and shows each problem at its field; only
 * a clean check starts the job, whose session opens when it finishes.
 */
import { useState, type FormEvent } from 'react';
import type { RunProblem } from '../../../../electron/core/api/operations';
import type { Model, Session } from '../../../../electron/core/model/types';
import { useCapabilities } from '../../api/capabilities';
import { client } from '../../api/client';
import { ShapeFields } from '../../components/ShapeFields';
import { useJobsStore } from '../../store/jobs-store';
import {
  initialFields,
  jobOf,
  sessionFileFor,
  type FieldErrors,
  type Precision,
  type RunFields,
} from './run-form';
import { SourceField } from './SourceField';

const FIELD_OF_PROBLEM: Record<RunProblem['field'], keyof FieldErrors> = {
  model: 'model',
  precisions: 'precisions',
  backend: 'backend',
  calibration: 'calibration',
  evaluation: 'evaluation',
  shapes: 'shapes',
  batch: 'batchSize',
};

function errorsOf(problems: RunProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const key = FIELD_OF_PROBLEM[problem.field];
    errors[key] = errors[key] ? `${errors[key]} ${problem.message}` : problem.message;
  }
  return errors;
}

function NumberField(props: {
  label: string;
  min: number;
  step?: number;
  placeholder?: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <input
        type="number"
        min={props.min}
        step={props.step}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}

/** "TensorRT is not compiled into ...": the reason alone when it names the backend already. */
function unavailableSentence(backend: { name: string; reason?: string }): string {
  const name = backend.name === 'tensorrt' ? 'TensorRT' : backend.name;
  const reason = backend.reason ?? 'no reason given';
  return reason.startsWith(name) ? reason : `${name} is not available here: ${reason}`;
}

function FieldError({ error, id }: { error?: string; id: string }) {
  if (!error) return null;
  return (
    <p className="field-error" role="alert" data-testid={`${id}-error`}>
      {error}
    </p>
  );
}

export function RunForm({ session, model, busy }: { session: Session; model: Model; busy: boolean }) {
  const [fields, setFields] = useState<RunFields>(() => initialFields(session, model));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checking, setChecking] = useState(false);
  const backends = useCapabilities()?.backends ?? [];
  const startJob = useJobsStore((state) => state.start);
  const set = (change: Partial<RunFields>) => setFields((old) => ({ ...old, ...change }));
  const inputs = Object.keys(fields.shapes).map((name) => ({
    name,
    dims: model.inputs.find((input) => input.name === name)?.shape ?? fields.shapes[name]!.map(() => null),
  }));
  const unavailable = backends.filter((backend) => !backend.available);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const built = jobOf(fields, model.source.path, sessionFileFor(model.source.path, new Date()));
    setErrors(built.errors);
    if (!built.job) return;
    setChecking(true);
    try {
      const { problems } = await client().call('validateRun', { job: built.job });
      setErrors(errorsOf(problems));
      if (problems.length === 0) await startJob(built.job, 'open-session');
    } catch (error) {
      setErrors({ model: error instanceof Error ? error.message : String(error) });
    } finally {
      setChecking(false);
    }
  };

  return (
    <form className="run-form" aria-label="Run settings" onSubmit={(event) => void start(event)} noValidate>
      <fieldset className="run-section">
        <legend>What to build</legend>
        <div className="checks" role="group" aria-label="Precisions">
          {(['fp32', 'fp16', 'int8'] as Precision[]).map((precision) => (
            <label key={precision} className="check">
              <input
                type="checkbox"
                checked={fields.precisions[precision]}
                onChange={(event) =>
                  set({ precisions: { ...fields.precisions, [precision]: event.target.checked } })
                }
              />
              {precision.toUpperCase()}
            </label>
          ))}
        </div>
        <p className="note">FP32 is always built too: it is the reference for speed and accuracy.</p>
        <FieldError error={errors.precisions} id="precisions" />
        <label>
          <span>Backend</span>
          <select value={fields.backend} onChange={(event) => set({ backend: event.target.value })}>
            {backends.map((backend) => (
              <option key={backend.name} value={backend.name} disabled={!backend.available}>
                {backend.name === 'onnxruntime' ? 'ONNX Runtime (CPU)' : 'TensorRT'}
                {backend.version ? ` ${backend.version}` : ''}
                {backend.available ? '' : ' (not available here)'}
              </option>
            ))}
          </select>
        </label>
        {unavailable.map((backend) => (
          <div key={backend.name} className="note backend-why" data-testid={`backend-${backend.name}-why`}>
            <p>{unavailableSentence(backend)}</p>
            {backend.howToGet && (
              <details>
                <summary>How to get it</summary>
                <p>{backend.howToGet}</p>
              </details>
            )}
          </div>
        ))}
      </fieldset>

      {fields.precisions.int8 && (
        <div className="run-section">
          <SourceField
            id="calibration"
            label="Calibration data"
            kinds={['images', 'npy', 'random']}
            value={fields.calibration}
            onChange={(calibration) => set({ calibration })}
            error={errors.calibration}
            hint="INT8 ranges come from these inputs: use real ones (random ones give poor ranges)."
          />
          <label>
            <span>Calibration method</span>
            <select
              value={fields.calibrationMethod}
              onChange={(event) =>
                set({ calibrationMethod: event.target.value as RunFields['calibrationMethod'] })
              }
            >
              <option value="entropy">entropy (KL divergence)</option>
              <option value="percentile">percentile (99.99 %)</option>
              <option value="minmax">min-max</option>
            </select>
          </label>
        </div>
      )}

      <div className="run-section">
        <SourceField
          id="evaluation"
          label="Evaluation data"
          kinds={['none', 'images', 'npy', 'random']}
          value={fields.evaluation}
          onChange={(evaluation) => set({ evaluation })}
          error={errors.evaluation}
          hint="Accuracy against FP32 is judged on these, never on the calibration data."
        />
        <label>
          <span>Post-processing</span>
          <select
            value={fields.postprocess}
            onChange={(event) => set({ postprocess: event.target.value as RunFields['postprocess'] })}
          >
            <option value="none">none</option>
            <option value="classifier">classifier (top-1 / top-5)</option>
            <option value="yolox">YOLOX boxes</option>
            <option value="fastestdet">FastestDet boxes</option>
          </select>
        </label>
      </div>

      <fieldset className="run-section timing">
        <legend>Timing</legend>
        <div className="checks" role="radiogroup" aria-label="Measure by">
          <label className="check">
            <input
              type="radio"
              name="measure"
              checked={fields.measure === 'iterations'}
              onChange={() => set({ measure: 'iterations' })}
            />
            iterations
          </label>
          <label className="check">
            <input
              type="radio"
              name="measure"
              checked={fields.measure === 'duration'}
              onChange={() => set({ measure: 'duration' })}
            />
            duration
          </label>
        </div>
        <div className="number-row">
          {fields.measure === 'iterations' ? (
            <NumberField
              label="Iterations"
              min={1}
              placeholder="100"
              value={fields.iterations}
              onChange={(iterations) => set({ iterations })}
            />
          ) : (
            <NumberField
              label="Seconds per variant"
              min={0.1}
              step={0.1}
              value={fields.durationSeconds}
              onChange={(durationSeconds) => set({ durationSeconds })}
            />
          )}
          <NumberField
            label="Warm-up"
            min={0}
            placeholder="10"
            value={fields.warmupIterations}
            onChange={(warmupIterations) => set({ warmupIterations })}
          />
          <NumberField
            label="Threads"
            min={0}
            placeholder="all cores"
            value={fields.threads}
            onChange={(threads) => set({ threads })}
          />
          <NumberField
            label="Batch"
            min={1}
            placeholder="1"
            value={fields.batchSize}
            onChange={(batchSize) => set({ batchSize })}
          />
        </div>
        <FieldError error={errors.iterations ?? errors.durationSeconds} id="iterations" />
        <FieldError error={errors.warmupIterations ?? errors.threads ?? errors.batchSize} id="timing" />
      </fieldset>

      {inputs.length > 0 && (
        <fieldset className="run-section">
          <legend>Shapes</legend>
          <ShapeFields
            inputs={inputs}
            values={fields.shapes}
            labelPrefix="Run shape: "
            onChange={(name, axis, value) => {
              const dims = [...(fields.shapes[name] ?? [])];
              dims[axis] = value;
              set({ shapes: { ...fields.shapes, [name]: dims } });
            }}
          />
          <p className="note">A dynamic leading dimension is the batch: Batch above sets it.</p>
          <FieldError error={errors.shapes} id="shapes" />
        </fieldset>
      )}

      <div className="run-actions">
        <FieldError error={errors.model} id="model" />
        <button type="submit" className="primary" disabled={checking || busy}>
          {checking ? 'Checking the settings...' : busy ? 'A run is under way' : 'Start the run'}
        </button>
        {session.run && (
          <button type="button" onClick={() => setFields(initialFields(session, model))}>
            Use this session's run settings
          </button>
        )}
      </div>
    </form>
  );
}
