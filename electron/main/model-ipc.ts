/** IPC for ONNX models: choose one, and read it into the canonical Model (core/profiling/inspect-model). */
import { z } from 'zod';
import { shapesSchema } from '../core/api';
import { inspectModel } from '../core/profiling/inspect-model';
import { handleIpc, type IpcContext } from './ipc-handle';
import { IpcChannel } from './ipc-channels';
import { chooseFile } from './open-file-dialog';

const inspectModelRequest = z.strictObject({
  path: z.string().min(1),
  options: z
    .strictObject({
      shapes: shapesSchema.optional(),
      device: z.string().min(1).optional(),
    })
    .optional(),
});

export function registerModelIpc(context: IpcContext): void {
  handleIpc(context, IpcChannel.OpenModelDialog, z.undefined(), (_request, event) =>
    chooseFile(event, context.granted, 'Open ONNX model', [{ name: 'ONNX model', extensions: ['onnx'] }]),
  );
  handleIpc(context, IpcChannel.InspectModel, inspectModelRequest, ({ path, options }) => {
    context.granted.assertGranted(path);
    return inspectModel(path, options);
  });
}
