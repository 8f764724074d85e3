/**
 * One WebSocket of `serve` (/api/events). On connect the client gets every job this server knows
 * (running ones with their progress so far, finished ones with their result), so a client that
 * reconnects picks up where it was; then each job event as it happens. The client may also call any
 * operation of the contract over the socket: {type: "call", id, op, request} -> {type: "reply", id, ...}.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { statusOf } from '../api/api-error';
import { handleOperation, type HandlerContext } from '../api/handlers';
import { isOperationName } from '../api/operations';
import { fromJson, toJson } from '../model/serialize';

const callSchema = z.strictObject({
  type: z.literal('call'),
  id: z.union([z.string(), z.number()]),
  op: z.string(),
  request: z.unknown().optional(),
});

export function attachEventSocket(socket: WebSocket, context: HandlerContext): void {
  const send = (message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(toJson(message));
  };
  send({ type: 'hello', jobs: context.jobs.list() });
  const stop = context.jobs.onEvent((event) => send({ type: 'job', event }));
  socket.on('close', stop);
  socket.on('error', stop);

  socket.on('message', (data) => {
    let raw: unknown;
    try {
      raw = fromJson(data.toString());
    } catch {
      return send({ type: 'error', status: 400, error: 'not JSON' });
    }
    const call = callSchema.safeParse(raw);
    if (!call.success) {
      const issue = call.error.issues[0];
      return send({
        type: 'error',
        status: 400,
        error: `${issue?.path.join('.') || 'message'}: ${issue?.message}`,
      });
    }
    const { id, op, request } = call.data;
    if (!isOperationName(op))
      return send({ type: 'reply', id, ok: false, status: 404, error: `no operation "${op}"` });
    handleOperation(op, request, context).then(
      (value) => send({ type: 'reply', id, ok: true, value }),
      (error: unknown) => send({ type: 'reply', id, ok: false, ...statusOf(error) }),
    );
  });
}
