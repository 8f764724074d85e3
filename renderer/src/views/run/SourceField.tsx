/**
 * A data source for a run: a folder of images, .npy/.npz arrays, seeded random samples (or none, for
 * evaluation: then accuracy is judged on a few random inputs, and the run says so). The path is
 * typed or picked; a limit keeps runs short. Problems found by the check before the run show here.
 */
import { useState } from 'react';
import { client } from '../../api/client';
import { FolderBrowser } from './FolderBrowser';
import type { SourceFields, SourceKind } from './run-form';

const KIND_LABELS: Record<SourceKind, string> = {
  none: 'none (a few random inputs)',
  images: 'folder of images (JPEG/PNG)',
  npy: '.npy / .npz arrays',
  random: 'seeded random samples',
};

interface Props {
  id: string;
  label: string;
  kinds: SourceKind[];
  value: SourceFields;
  onChange(value: SourceFields): void;
  error?: string;
  hint: string;
}

export function SourceField({ id, label, kinds, value, onChange, error, hint }: Props) {
  const [browsing, setBrowsing] = useState(false);
  const set = (change: Partial<SourceFields>) => onChange({ ...value, ...change });
  const browse = async () => {
    const choose = client().chooseFiles;
    if (!choose) return setBrowsing(true);
    const [picked] = await choose({ title: label, folders: value.kind === 'images' });
    if (picked) set({ path: picked });
  };
  return (
    <fieldset className={error ? 'source-field invalid' : 'source-field'} aria-describedby={`${id}-hint`}>
      <legend>{label}</legend>
      <label>
        <span>Source</span>
        <select
          aria-label={`${label}: source`}
          value={value.kind}
          onChange={(event) => set({ kind: event.target.value as SourceKind })}
        >
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      {(value.kind === 'images' || value.kind === 'npy') && (
        <div className="path-row">
          <label className="grow">
            <span>{value.kind === 'images' ? 'Folder' : 'File or folder'}</span>
            <input
              type="text"
              aria-label={`${label}: path`}
              placeholder="/path/on/the/machine/that/runs/the/studio"
              value={value.path}
              onChange={(event) => set({ path: event.target.value })}
              spellCheck={false}
            />
          </label>
          <button type="button" onClick={() => void browse()} aria-label={`Browse for ${label}`}>
            Browse...
          </button>
        </div>
      )}
      {value.kind === 'random' && (
        <label>
          <span>Samples</span>
          <input
            type="number"
            min={1}
            aria-label={`${label}: random samples`}
            value={value.count}
            onChange={(event) => set({ count: event.target.value })}
          />
        </label>
      )}
      {value.kind !== 'none' && value.kind !== 'random' && (
        <label>
          <span>At most</span>
          <input
            type="number"
            min={1}
            placeholder="all"
            aria-label={`${label}: at most this many samples`}
            value={value.limit}
            onChange={(event) => set({ limit: event.target.value })}
          />
        </label>
      )}
      {browsing && (
        <FolderBrowser
          label={label}
          start={value.path}
          onPick={(path) => {
            set({ path });
            setBrowsing(false);
          }}
          onClose={() => setBrowsing(false)}
        />
      )}
      <p className="note" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
