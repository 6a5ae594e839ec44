// Types of scripts/lib/harness.js for the TypeScript test supports (the module stays plain
// CommonJS so that scripts/run.js can load it before anything is compiled).
import type { ChildProcess, StdioOptions } from 'node:child_process';
import type { Redis } from 'ioredis';

export const ROOT: string;
export const HOST: string;
export function sleep(ms: number): Promise<void>;
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
export function freePort(preferred?: number): Promise<number>;
export function tsEnv(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
export function tsArgv(args: string[], nodeArgs?: string[]): string[];
export function spawnTs(entry: string, opts?: { env?: Record<string, string | undefined>; stdio?: StdioOptions; nodeArgs?: string[] }): ChildProcess;
export function runTs(args: string[], env: Record<string, string | undefined>, label: string, opts?: { stdio?: StdioOptions; timeout?: number }): string;
export function waitHttpOk(url: string, opts?: { timeoutMs?: number; intervalMs?: number; isDead?: () => boolean }): Promise<boolean>;
export function stopChild(child: ChildProcess, signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
export function stopChildren(children: ChildProcess[], graceMs?: number): Promise<void[]>;
export interface SmtpSink {
  port: number;
  received: () => number;
  close: () => Promise<void>;
}
export function startSmtpSink(opts?: {
  onMessage?: (raw: Buffer, session: { id: string }) => unknown;
  delayMs?: number | (() => number);
  disabledCommands?: string[];
  rejectRecipient?: (address: string) => boolean;
}): Promise<SmtpSink>;
export function redisServerArgs(port: number, dir?: string): string[];
export function lazyRedis(): typeof Redis;
export function withRedis<T>(target: string | { host?: string; port: number }, fn: (r: Redis) => Promise<T>, timeoutMs?: number): Promise<T>;
