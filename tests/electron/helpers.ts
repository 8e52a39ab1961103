/**
 * Shared fixtures for the main-process tests: a temp folder, fake dialogs that record what they
 * were asked, handler dependencies over the real file system, and IPC events from a trusted or a
 * foreign frame.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialogPort, HandlerDeps, Question } from '../../electron/main/ipc/deps';
import type { SenderLike } from '../../electron/main/ipc/registrar';
import { nodeFs, type FsPort } from '../../electron/main/lib/fsPort';
import { inlineFileChecks } from '../../electron/main/lib/fileChecks';
import { RecentStore } from '../../electron/main/lib/recent';
import { RecoveryStore } from '../../electron/main/lib/recovery';
import { APP_ENTRY_URL } from '../../electron/main/lib/security';

/** A fresh temp folder and its cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'laudnet-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Dialogs that answer from queues and record every question. */
export class FakeDialogs implements DialogPort {
  openPaths: Array<string | null> = [];
  savePaths: Array<string | null> = [];
  answers: number[] = [];
  asked: Question[] = [];
  saveRequests: Array<{ kind: string; defaultName: string }> = [];

  pickOpenPath(): Promise<string | null> {
    return Promise.resolve(this.openPaths.shift() ?? null);
  }
  pickSavePath(kind: string, defaultName: string): Promise<string | null> {
    this.saveRequests.push({ kind, defaultName });
    return Promise.resolve(this.savePaths.shift() ?? null);
  }
  ask(question: Question): Promise<number> {
    this.asked.push(question);
    return Promise.resolve(this.answers.shift() ?? question.cancelId);
  }
}

export interface TestDeps extends HandlerDeps {
  dialogs: FakeDialogs;
  events: string[];
  logs: string[];
  clipboardText: string[];
  opened: string[];
}

/** Handler dependencies over a real temp folder; `now` is fixed unless overridden. */
export function makeDeps(dir: string, overrides: Partial<HandlerDeps> = {}): TestDeps {
  const fs: FsPort = overrides.fs ?? nodeFs;
  const now = overrides.now ?? (() => new Date('2025-03-01T12:00:00Z'));
  const events: string[] = [];
  const logs: string[] = [];
  const clipboardText: string[] = [];
  const opened: string[] = [];
  const deps: TestDeps = {
    fs,
    dialogs: new FakeDialogs(),
    recent: new RecentStore(fs, join(dir, 'user', 'recent.json'), 'linux', (m) => logs.push(m)),
    recovery: new RecoveryStore(fs, join(dir, 'user', 'recovery', 'session.json'), now),
    state: {
      documentPath: null,
      documentHash: null,
      dirty: false,
      restoreWithoutPrompt: false,
    },
    app: { name: 'LAUDNet Studio', version: '0.1.0', versions: { electron: '45.5.0' } },
    writeClipboard: (text) => void clipboardText.push(text),
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    setCommandStates: (states) => void events.push(`states:${JSON.stringify(states)}`),
    onRecentChanged: () => void events.push('recent-changed'),
    onDirtyChanged: (dirty) => void events.push(`dirty:${dirty}`),
    onSessionSaved: () => void events.push('session-saved'),
    onCommandsReady: () => void events.push('commands-ready'),
    fileChecks: inlineFileChecks,
    log: (level, message) => void logs.push(`${level}: ${message}`),
    platform: 'linux',
    now,
    events,
    logs,
    clipboardText,
    opened,
    ...overrides,
  } as TestDeps;
  return deps;
}

/** An invoke event from our own top-level page. */
export function trustedEvent(url = APP_ENTRY_URL): SenderLike {
  return { sender: { id: 1 }, senderFrame: { url, parent: null } };
}

/** An invoke event from a page that is not ours. */
export function foreignEvent(url = 'https://evil.example/index.html'): SenderLike {
  return { sender: { id: 2 }, senderFrame: { url, parent: null } };
}
