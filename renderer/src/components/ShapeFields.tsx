/** One number field per dimension of each dynamic input (symbol names shown), for shapes forms. */
import type { Dim } from '../../../electron/core/model/types';
import './shape-fields.css';

interface Props {
  inputs: { name: string; dims: Dim[] }[];
  values: Record<string, string[]>;
  onChange(name: string, axis: number, value: string): void;
  /** Prefix of each field's accessible name (e.g. "Run shape"). */
  labelPrefix?: string;
}

export function ShapeFields({ inputs, values, onChange, labelPrefix = '' }: Props) {
  return (
    <>
      {inputs.map((input) => (
        <fieldset key={input.name} className="shape-fields">
          <legend>{input.name}</legend>
          {input.dims.map((dim, axis) => (
            <label key={axis}>
              <span>{typeof dim === 'string' ? `${axis}: ${dim}` : `dim ${axis}`}</span>
              <input
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                aria-label={`${labelPrefix}${input.name} dimension ${axis}${typeof dim === 'string' ? ` (${dim})` : ''}`}
                value={values[input.name]?.[axis] ?? ''}
                onChange={(event) => onChange(input.name, axis, event.target.value)}
              />
            </label>
          ))}
        </fieldset>
      ))}
    </>
  );
}
