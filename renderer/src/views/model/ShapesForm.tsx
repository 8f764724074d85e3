/**
 * Dynamic and symbolic dimensions, one field each, applied in place (the model is inspected again
 * with those shapes, and the costs, charts and table follow). "Measure shapes by running" runs the
 * model once in the worker (ONNX Runtime) for the shapes static inference cannot know; it needs every
 * input dimension set, because measuring at a size the user never asked for would cost the wrong model.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Dim, Model } from '../../../../electron/core/model/types';
import type { CostCoverage } from '../../../../electron/core/model/cost-coverage';
import { ShapeFields } from '../../components/ShapeFields';
import { useJobsStore } from '../../store/jobs-store';
import { usePreferencesStore } from '../../store/preferences-store';
import { useSessionStore } from '../../store/session-store';

interface FormInput {
  name: string;
  dims: Dim[];
}

/** The inputs the form shows: those still dynamic, and those the user already set. */
function formInputs(model: Model, coverage: CostCoverage): FormInput[] {
  const inputs: FormInput[] = coverage.dynamicInputs.map((input) => ({
    name: input.name,
    dims: input.dims ?? [],
  }));
  for (const [name, dims] of Object.entries(model.shapeOverrides)) {
    if (!inputs.some((input) => input.name === name)) inputs.push({ name, dims });
  }
  return inputs;
}

function initialValues(inputs: FormInput[], model: Model): Record<string, string[]> {
  return Object.fromEntries(
    inputs.map((input) => [
      input.name,
      input.dims.map((dim, axis) => {
        const set = model.shapeOverrides[input.name]?.[axis];
        if (set !== undefined) return String(set);
        if (typeof dim === 'number' && dim > 0) return String(dim);
        return axis === 0 ? '1' : ''; // a dynamic batch: 1 is offered, applied only on Apply
      }),
    ]),
  );
}

/** The device the model was judged against (its table name), else the preferred one. */
function deviceFor(model: Model, preferred: string): string {
  return model.ceilings.source === 'datasheet' ? model.ceilings.name : preferred;
}

export function ShapesForm({ model, coverage }: { model: Model; coverage: CostCoverage }) {
  const inputs = formInputs(model, coverage);
  const [values, setValues] = useState(() => initialValues(inputs, model));
  const reinspect = useSessionStore((state) => state.reinspect);
  const inspecting = useSessionStore((state) => state.inspecting);
  const startJob = useJobsStore((state) => state.start);
  const jobs = useJobsStore((state) => state.jobs);
  const device = usePreferencesStore((state) => state.device);
  const [measuring, setMeasuring] = useState<string | null>(null);
  const measuringJob = measuring ? jobs[measuring] : undefined;

  useEffect(() => setValues(initialValues(formInputs(model, coverage), model)), [model, coverage]);

  const staticComplete = coverage.state === 'complete' && model.unknownShapeNodes.length === 0;

  const shapes: Record<string, number[]> = {};
  const missing: string[] = [];
  for (const input of inputs) {
    const dims = (values[input.name] ?? []).map(Number);
    if (dims.some((dim) => !Number.isInteger(dim) || dim <= 0)) missing.push(input.name);
    else shapes[input.name] = dims;
  }
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (missing.length === 0) void reinspect({ shapes }, 'with the shapes set');
  };
  const measure = async () => {
    const jobId = await startJob(
      { kind: 'inspect', modelPath: model.source.path, shapes, device: deviceFor(model, device) },
      'replace-model',
    );
    setMeasuring(jobId);
  };
  const running = measuringJob?.state === 'running';

  return (
    <form className="shapes-form" aria-label="Dynamic dimensions" onSubmit={apply}>
      <h3>Shapes</h3>
      {inputs.length === 0 && <p className="note">Every input dimension is fixed.</p>}
      <ShapeFields
        inputs={inputs}
        values={values}
        onChange={(name, axis, value) =>
          setValues((old) => {
            const dims = [...(old[name] ?? [])];
            dims[axis] = value;
            return { ...old, [name]: dims };
          })
        }
      />
      <div className="shapes-actions">
        {inputs.length > 0 && (
          <button type="submit" className="primary" disabled={missing.length > 0 || inspecting !== null}>
            Apply shapes
          </button>
        )}
        <button
          type="button"
          disabled={missing.length > 0 || running}
          onClick={() => void measure()}
          title="Runs the model once on ONNX Runtime (CPU) in the worker and records every tensor's shape"
        >
          {running ? 'Measuring shapes...' : 'Measure shapes by running'}
        </button>
        <span className="note" role="status">
          {missing.length > 0
            ? `Set every dimension of ${missing.join(', ')} (whole numbers from 1).`
            : measuringJob?.state === 'failed' || measuringJob?.state === 'crashed'
              ? `Measuring failed: ${measuringJob.error?.message}`
              : measuringJob?.state === 'succeeded'
                ? 'Shapes measured by running the model once.'
                : staticComplete
                  ? 'Every shape is known without running; measuring checks them on ONNX Runtime.'
                  : 'Some shapes are unknown without running: measuring records them.'}
        </span>
      </div>
    </form>
  );
}
