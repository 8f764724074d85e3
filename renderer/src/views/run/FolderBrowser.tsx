/**
 * Picks a data folder by path on the machine that runs core: in the desktop app, the system's folder
 * dialog; on `serve`, a small browser over the folders the server allows (--allow-path), which says
 * how many images and arrays each folder holds, so the user sees what a run would read.
 */
import { useEffect, useState } from 'react';
import type { FolderContents } from '../../../../electron/core/api/operations';
import { useCapabilities } from '../../api/capabilities';
import { client } from '../../api/client';

interface Props {
  /** Where to start: the path typed so far, when it is a folder that may be read. */
  start: string;
  onPick(path: string): void;
  onClose(): void;
  label: string;
}

function counts(folder: FolderContents): string {
  const parts = [`${folder.images} image${folder.images === 1 ? '' : 's'}`];
  if (folder.arrays > 0) parts.push(`${folder.arrays} .npy/.npz`);
  return parts.join(', ');
}

export function FolderBrowser({ start, onPick, onClose, label }: Props) {
  const roots = useCapabilities()?.pickableFolders ?? [];
  const [folder, setFolder] = useState<FolderContents | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const open = (path: string) => {
    setProblem(null);
    client()
      .call('listFolder', { path })
      .then(setFolder)
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  useEffect(() => {
    if (start.trim()) open(start.trim());
  }, [start]);

  return (
    <div className="folder-browser" role="group" aria-label={`Browse for ${label}`}>
      <div className="folder-browser-head">
        <strong>{folder ? folder.path : 'Folders this server may read'}</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {problem && <p className="field-error">{problem}</p>}
      {!folder && roots.length === 0 && (
        <p className="note">
          This server reads no folders of yours: start it with --allow-path FOLDER, or type a path inside its
          work folder.
        </p>
      )}
      <ul className="folder-list">
        {!folder &&
          roots.map((root) => (
            <li key={root}>
              <button type="button" className="link-button" onClick={() => open(root)}>
                {root}
              </button>
            </li>
          ))}
        {folder?.parent && (
          <li>
            <button type="button" className="link-button" onClick={() => open(folder.parent!)}>
              .. (up)
            </button>
          </li>
        )}
        {folder?.folders.map((child) => (
          <li key={child.path}>
            <button type="button" className="link-button" onClick={() => open(child.path)}>
              {child.name}/
            </button>
          </li>
        ))}
      </ul>
      {folder && (
        <div className="folder-browser-foot">
          <span className="note">{counts(folder)}</span>
          <button type="button" className="primary" onClick={() => onPick(folder.path)}>
            Use this folder
          </button>
        </div>
      )}
    </div>
  );
}
