import { EventEmitter } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { afterCommit } from './clinic-db';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';

/** Something changed that open pages may want to fetch again: ids only, never content. */
export interface LiveEvent {
  topic: string;
  clinicId: string;
  [key: string]: string;
}

const CHANNEL = 'mend_live';
const RECONNECT_MS = 1000;

/**
 * Events between API processes, for pages that update without a reload. Published inside the
 * transaction of the change (PostgreSQL delivers a NOTIFY at commit, and never for a rollback),
 * so every process behind the proxy hears of it, whichever one a browser is connected to. Each
 * process keeps one connection listening. The embedded database has a single connection and a
 * single process: there the event goes straight to this process's listeners after commit.
 */
@Injectable()
export class LiveEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly local = new EventEmitter().setMaxListeners(0);
  private listener: Client | null = null;
  private stopped = false;

  constructor(@Optional() @Inject(DATABASE_OPTIONS) private readonly options?: DatabaseOptions) {}

  private get shared(): boolean {
    return !!this.options?.url && !this.options.embedded;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.shared) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Announces `event` to every process once the transaction `tx` commits. */
  async publish(tx: EntityManager, event: LiveEvent): Promise<void> {
    if (this.shared) await tx.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify(event)]);
    else afterCommit(tx, () => this.local.emit('event', event));
  }

  /** Calls `handler` for every event from now on; returns how to stop. */
  subscribe(handler: (event: LiveEvent) => void): () => void {
    this.local.on('event', handler);
    return () => this.local.off('event', handler);
  }

  /** How many handlers listen now (each open event stream holds one). */
  get subscribers(): number {
    return this.local.listenerCount('event');
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options?.url });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    };
    client.on('error', (error) => {
      this.logger.warn(`live events connection lost (${error.message}); reconnecting`);
      retry();
    });
    client.on('end', retry);
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        this.local.emit('event', JSON.parse(message.payload) as LiveEvent);
      } catch {
        // Only Mend publishes on this channel; a malformed payload is dropped.
      }
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.logger.warn(`live events could not listen (${(error as Error).message}); retrying`);
      retry();
    }
  }
}
