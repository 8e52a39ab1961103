/**
 * The one place main registers IPC handlers. Every invoke goes through the same gate, in order:
 * trusted sender frame → argument count → payload size → zod schema → handler. Any refusal or
 * handler failure becomes a typed `IpcResult` error, so a hostile or buggy renderer gets an
 * answer, never a crash of main and never an unhandled rejection.
 */
import type { IpcMainInvokeEvent } from 'electron';
import {
  CHANNELS,
  contract,
  type Channel,
  type IpcError,
  type IpcResult,
  type RequestOf,
  type ResponseOf,
} from '../../ipc/contract';
import { estimatePayloadBytes } from '../lib/payloadSize';
import { capMessage } from '../../../core/config/jsonSyntax';

/** What a handler learns about the call besides its validated request. */
export interface HandlerContext {
  /** `webContents.id` of the sender, e.g. to address a reply event. */
  senderId: number;
}

export type Handler<C extends Channel> = (
  request: RequestOf<C>,
  context: HandlerContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** One handler per channel: the type makes forgetting a channel a compile error. */
export type Handlers = { [C in Channel]: Handler<C> };

/** The slice of `ipcMain` the registrar uses (so tests can pass a fake). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface RegistrarOptions {
  /** Whether a frame URL belongs to our own UI (app:// in production, the dev server in dev). */
  isTrustedUrl(url: string): boolean;
  /** Where refusals and handler failures are recorded. */
  log(level: 'warn' | 'error', message: string): void;
}

/** The minimal sender shape the gate inspects (a subset of `IpcMainInvokeEvent`). */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

function refuse(code: IpcError['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

/** Why the sender is not trusted, or null when it is. */
function senderProblem(event: SenderLike, options: RegistrarOptions): string | null {
  const frame = event.senderFrame;
  // A destroyed or navigated-away frame has no URL we can vouch for.
  if (!frame) return 'the sending frame is gone';
  // Only our top-level page may call main; an embedded frame (should one ever appear) may not.
  if (frame.parent) return 'the sender is a subframe';
  if (!options.isTrustedUrl(frame.url)) return `untrusted origin (${frame.url.slice(0, 200)})`;
  return null;
}

/** First zod issue as one readable line, e.g. `kind: Invalid option`. */
function describeIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  const issue = error.issues[0];
  if (!issue) return 'invalid argument';
  const where = issue.path.map((p) => capMessage(String(p), 40)).join('.');
  return capMessage(where ? `${where}: ${issue.message}` : issue.message);
}

/**
 * Wraps one handler in the validation gate. Exported so tests can drive a channel exactly the way
 * `ipcMain` would, without Electron.
 */
export function gateHandler<C extends Channel>(
  channel: C,
  handler: Handler<C>,
  options: RegistrarOptions,
): (event: SenderLike, ...args: unknown[]) => Promise<IpcResult<ResponseOf<C>>> {
  const spec = contract[channel];
  return async (event, ...args) => {
    const problem = senderProblem(event, options);
    if (problem) {
      options.log('warn', `IPC ${channel} refused: ${problem}`);
      return refuse('forbidden-sender', 'This window may not call LAUDNet Studio.');
    }
    if (args.length > 1) {
      return refuse('invalid-argument', `${channel} takes one argument, got ${args.length}.`);
    }
    const raw = args[0];
    const sizeBytes = estimatePayloadBytes(raw);
    if (sizeBytes > spec.maxBytes) {
      options.log('warn', `IPC ${channel} refused: payload ~${sizeBytes} bytes > ${spec.maxBytes}`);
      return refuse('payload-too-large', `The request to ${channel} is too large.`);
    }
    const parsed = spec.request.safeParse(raw);
    if (!parsed.success) {
      const message = `Invalid request to ${channel}: ${describeIssue(parsed.error)}`;
      options.log('warn', message);
      return refuse('invalid-argument', message);
    }
    try {
      const value = await handler(parsed.data as RequestOf<C>, { senderId: event.sender.id });
      return { ok: true, value };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      options.log('error', `IPC ${channel} failed: ${err instanceof Error ? err.stack : message}`);
      return refuse('failed', message);
    }
  };
}

/**
 * Registers every channel of the contract on `ipcMain`. Returns a function that removes them
 * (used by tests and when the app quits).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  options: RegistrarOptions,
): () => void {
  for (const channel of CHANNELS) {
    const gated = gateHandler(channel, handlers[channel] as Handler<typeof channel>, options);
    ipcMain.handle(channel, (event, ...args) => gated(event, ...args));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
