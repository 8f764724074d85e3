/** Where and with what the figures were made: the model, the machines and devices, the backends and their versions. */
import type { Report } from '../../../../electron/core/model/report';
import { formatBytes, formatUnit } from '../../../../electron/core/model/units';

function shape(dims: (number | string | null)[] | null): string {
  return dims ? `[${dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : '?';
}

type Machine = Report['environment']['machines'][number];

const MACHINE_COLUMNS: [string, (m: Machine) => string | undefined][] = [
  ['host', (m) => m.hostname],
  ['OS', (m) => m.os],
  ['CPU', (m) => (m.cpu ? `${m.cpu}${m.cpuCores ? ` (${m.cpuCores} cores)` : ''}` : undefined)],
  ['device', (m) => m.device?.name],
  ['compute capability', (m) => m.device?.computeCapability],
  ['SMs', (m) => (m.device?.smCount ? String(m.device.smCount) : undefined)],
  ['memory', (m) => (m.device?.memoryBytes ? formatBytes(m.device.memoryBytes) : undefined)],
];

export function EnvironmentSection({ report }: { report: Report }) {
  const model = report.model;
  // Only the columns some machine has a value for.
  const machineColumns = MACHINE_COLUMNS.filter(([, value]) => report.environment.machines.some(value));
  return (
    <div className="environment">
      {model && (
        <dl className="facts" aria-label="Model">
          <div>
            <dt>model</dt>
            <dd title={model.path}>{model.path}</dd>
          </div>
          <div>
            <dt>nodes</dt>
            <dd>{model.nodes}</dd>
          </div>
          <div>
            <dt>weights</dt>
            <dd>{formatBytes(model.parameterBytes)}</dd>
          </div>
          <div>
            <dt>FLOPs</dt>
            <dd>{model.flops > 0 ? formatUnit(model.flops, 'FLOPs') : 'unknown (dynamic shapes)'}</dd>
          </div>
          <div>
            <dt>inputs</dt>
            <dd>{model.inputs.map((t) => `${t.name} ${t.dtype} ${shape(t.shape)}`).join('; ')}</dd>
          </div>
          <div>
            <dt>outputs</dt>
            <dd>{model.outputs.map((t) => `${t.name} ${t.dtype} ${shape(t.shape)}`).join('; ')}</dd>
          </div>
          <div>
            <dt>sha256</dt>
            <dd className="mono">{model.sha256.slice(0, 16)}</dd>
          </div>
        </dl>
      )}
      <table className="data-table" aria-label="Machines">
        <thead>
          <tr>
            {machineColumns.map(([header]) => (
              <th key={header}>{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.environment.machines.map((machine, index) => (
            <tr key={index}>
              {machineColumns.map(([header, value]) => (
                <td key={header}>{value(machine) ?? '-'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Backends:{' '}
        {report.environment.backends
          .map((b) => `${b.name} ${b.version ?? '(version not recorded)'}`)
          .join(', ')}
      </p>
      <h3>How each variant was made</h3>
      <table className="data-table" aria-label="Variant recipes">
        <thead>
          <tr>
            <th>variant</th>
            <th>made by</th>
            <th>calibration</th>
            <th>kept in float</th>
            <th>build options</th>
          </tr>
        </thead>
        <tbody>
          {report.variants.map((v) => (
            <tr key={v.index}>
              <td>{v.label}</td>
              <td>{v.recipe?.summary ?? `imported (${v.backend})`}</td>
              <td>
                {v.recipe?.calibrationMethod
                  ? `${v.recipe.calibrationMethod}, ${v.recipe.calibrationSamples ?? '?'} samples of ${v.recipe.calibrationData ?? '?'}`
                  : '-'}
              </td>
              <td>
                {v.recipe && v.recipe.keptInFloat.length > 0
                  ? v.recipe.keptInFloat.map((k) => `${k.node} (${k.reason})`).join('; ')
                  : '-'}
              </td>
              <td className="mono small">
                {Object.entries(v.buildOptions)
                  .map(([key, value]) => `${key}=${String(value)}`)
                  .join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
