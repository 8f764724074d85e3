/**
 * The whole page accepts a dropped .onnx (or session .json). Dropping anywhere else would make the
 * browser navigate to the file, which the main process blocks; here the drop is taken over instead.
 */
import { useState, type DragEvent, type ReactNode } from 'react';
import { useModelStore } from '../store/model-store';

export function DropZone({ children }: { children: ReactNode }) {
  const openDroppedFile = useModelStore((state) => state.openDroppedFile);
  const [dragging, setDragging] = useState(false);

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void openDroppedFile(file);
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
