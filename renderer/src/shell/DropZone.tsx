/**
 * The whole window accepts dropped files (any kind the studio reads; several at once become one
 * session). Dropping would otherwise make the browser navigate to the file; here the drop is taken.
 * A drop that fails leaves the screen as it was (the banner says why).
 */
import { useState, type DragEvent, type ReactNode } from 'react';
import { useSessionStore } from '../store/session-store';
import { showOpened } from './first-view';

export function DropZone({ children }: { children: ReactNode }) {
  const openFiles = useSessionStore((state) => state.openFiles);
  const [dragging, setDragging] = useState(false);

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    void openFiles(files).then(showOpened);
  };

  return (
    <main
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      {children}
    </main>
  );
}
