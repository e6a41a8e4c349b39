import { AxeBuilder } from '@axe-core/playwright';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { freePort } from '../../libs/shared/server/src/lib/database/embedded-postgres';
import { RoundRobinProxy } from './round-robin-proxy';

export const ROOT = join(__dirname, '../..');
export const OUTPUT = join(__dirname, 'output');

/**
 * How many API processes a portal runs: `MEND_INSTANCES` (default 1). Two share one real
 * PostgreSQL (TEST_DATABASE_URL or DATABASE_URL) behind a round-robin proxy, which proves that
 * nothing a journey relies on lives in one process.
 */
export function instancesWanted(): number {
  const wanted = Number(process.env['MEND_INSTANCES'] ?? '1');
  if (!Number.isInteger(wanted) || wanted < 1)
    throw new Error(`MEND_INSTANCES must be a whole number of 1 or more, not "${wanted}"`);
  return wanted;
}

/** The PostgreSQL server the journeys create their databases on, when one is given. */
export function sharedPostgres(): string | undefined {
  return process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || undefined;
}

/** One API process of a portal, with what it has written to stdout and stderr. */
export interface Instance {
  url: string;
  process: ChildProcess;
  log: string[];
}

/**
 * The built portal (dist/), started as `npm start` starts it, on its own port and database;
 * with more than one instance, as replicas behind a proxy (see `instancesWanted`).
 */
export class Portal {
  /** Where the browser opens the portal: the one instance, or the proxy in front of several. */
  url = '';
  readonly instances: Instance[] = [];
  proxy?: RoundRobinProxy;
  private dataDir = '';
  private databaseUrl?: string;
  private dropDatabase?: () => Promise<void>;

  constructor(readonly instanceCount = instancesWanted()) {}

  /**
   * `hostname` is where the browser opens the portal: passkeys need a domain name (WebAuthn
   * refuses an IP address as the relying party), so their journey uses `localhost`.
   */
  async start(env: Record<string, string> = {}, hostname = '127.0.0.1'): Promise<void> {
    const server = sharedPostgres();
    if (this.instanceCount > 1 && !server)
      throw new Error(
        `${this.instanceCount} instances need one PostgreSQL to share: set TEST_DATABASE_URL ` +
          '(the embedded PGlite serves a single process).',
      );
    this.dataDir = mkdtempSync(join(tmpdir(), 'mend-e2e-'));
    if (server) {
      const name = `mend_e2e_${Date.now()}`;
      const admin = new Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const parsed = new URL(server);
      parsed.pathname = `/${name}`;
      this.databaseUrl = parsed.toString();
      this.dropDatabase = async () => {
        const client = new Client({ connectionString: server });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      };
    }
    const ports: number[] = [];
    while (ports.length < this.instanceCount) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const replicas: Record<string, string> = {};
    if (this.instanceCount > 1) {
      this.proxy = new RoundRobinProxy(ports.map((port) => new URL(`http://127.0.0.1:${port}`)));
      this.url = `http://${hostname}:${await this.proxy.listen()}`;
      // As in production (docker/compose.yml): every replica has the same keys, and believes
      // the X-Forwarded-For of the proxy alone.
      replicas['ENCRYPTION_KEYS'] = `e2e1:${randomBytes(32).toString('base64')}`;
      replicas['AUDIT_KEYS'] = `e2eaudit1:${randomBytes(32).toString('base64')}`;
      replicas['TRUST_PROXY'] = '127.0.0.1';
    } else {
      this.url = `http://${hostname}:${ports[0]}`;
    }
    // One after the other, as a rolling deploy starts them: the first applies the migrations
    // and seeds the demo, the next finds both done.
    for (const port of ports) {
      await this.startInstance({
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.url,
        EMBEDDED_DB_DIR: join(this.dataDir, 'pglite'),
        DATABASE_URL: this.databaseUrl ?? '',
        // The journeys sign in as the demo people, also on a real PostgreSQL (which is never
        // seeded unless asked).
        SEED_DEMO: 'true',
        LOG_LEVEL: 'info',
        ...replicas,
        ...env,
      });
    }
    if (this.proxy && !(await fetch(`${this.url}/api/health`)).ok)
      throw new Error('the portal does not answer through its proxy');
  }

  private async startInstance(env: NodeJS.ProcessEnv): Promise<void> {
    const url = `http://127.0.0.1:${env['PORT']}`;
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const instance: Instance = { url, process: child, log: [] };
    this.instances.push(instance);
    child.stdout?.on('data', (chunk: Buffer) => instance.log.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => instance.log.push(chunk.toString()));
    // Generous: on a busy machine the embedded database and the migrations take a while.
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the portal exited: ${instance.log.join('')}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the portal did not start in time: ${instance.log.join('')}`);
  }

  /** The complete lines every instance has logged so far (JSON, one entry a line). */
  logLines(): string[] {
    return this.instances.flatMap((instance) => {
      const lines = instance.log.join('').split('\n');
      lines.pop(); // the line being written, or nothing
      return lines;
    });
  }

  /** Runs SQL on the portal's database (the embedded one too, through its port). */
  async sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const url =
      this.databaseUrl ??
      `postgres://postgres:postgres@127.0.0.1:${(JSON.parse(readFileSync(join(this.dataDir, 'pglite.json'), 'utf8')) as { port: number }).port}/postgres`;
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * The link of the last invitation to `email` that could not be mailed: without SMTP_URL the
   * portal (outside production) writes it to its log, which a person running Mend locally follows.
   */
  async invitationLink(email: string): Promise<string> {
    // The mail job runs just after the invitation's transaction commits; wait for it briefly.
    for (let attempt = 0; attempt < 75; attempt += 1) {
      const lines = this.logLines().filter(
        (line) => line.includes('No SMTP_URL') && line.includes('/accept-invitation'),
      );
      for (const line of lines.reverse()) {
        const entry = JSON.parse(line) as { to?: string; link?: string };
        if (entry.to === email && entry.link) return entry.link;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no invitation link for ${email} in the portal's log`);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.instances.map(async ({ process: child }) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }),
    );
    await this.proxy?.close();
    await this.dropDatabase?.();
  }
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Photographs the page as it is (`output/<name>.png`) and checks its accessibility at this size
 * and on a phone (see `checkAccessibility`, which adds `<name>-phone.png`): throws, naming each
 * problem, when the page has one.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await photograph(page, name);
  const problems = await checkAccessibility(page, name);
  if (problems.length)
    throw new Error(`accessibility problems (WCAG 2.2 AA):\n${problems.join('\n')}`);
}

async function photograph(page: Page, name: string): Promise<void> {
  // Let route and dialog animations settle, so the picture is the screen a person sees.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({
    path: join(OUTPUT, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** The phone every page is also checked on (CSS pixels of a common phone, held upright). */
export const PHONE_SIZE = { width: 390, height: 844 };
/** Pages narrower than this are taken as already on a phone: checked at their own size only. */
const PHONE_MAX_WIDTH = 600;
/** WCAG 2.0, 2.1 and 2.2, levels A and AA, in axe's words. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** What fails a page: everything but axe's "minor". */
const FAILING_IMPACTS = new Set(['critical', 'serious', 'moderate']);

/**
 * Runs axe-core on the page as it is, then (for a page wider than a phone) on a 390×844 phone,
 * photographed as `output/<name>-phone.png`, and restores the size. Returns one line per element
 * that breaks a WCAG 2.2 A/AA rule with a critical, serious or moderate impact: page, width, rule,
 * impact, element and what to do. axe is injected through the DevTools protocol, as the library
 * does, so the portal's strict CSP stays as it is.
 */
export async function checkAccessibility(page: Page, name: string): Promise<string[]> {
  const problems = await axeProblems(page, name);
  const size = page.viewportSize();
  if (!size || size.width < PHONE_MAX_WIDTH) return problems;
  await page.setViewportSize(PHONE_SIZE);
  try {
    await photograph(page, `${name}-phone`);
    problems.push(...(await axeProblems(page, `${name}-phone`)));
  } finally {
    await page.setViewportSize(size);
  }
  return problems;
}

async function axeProblems(page: Page, name: string): Promise<string[]> {
  // Legacy mode: the portal's pages have no frames to gather results from, and this spares a
  // blank page per check (the other mode's way to merge frames), which halves the time it takes.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // The one part left out: Swagger UI's own markup on the API documentation (/api/docs), a
    // third-party page whose structure cannot be changed here (its operation rows nest a link
    // in a button). Every page of the portal itself is checked whole.
    .exclude('.swagger-ui')
    .setLegacyMode()
    .analyze();
  const width = page.viewportSize()?.width ?? 0;
  return results.violations.flatMap((rule) =>
    rule.nodes
      .filter((node) => FAILING_IMPACTS.has(node.impact ?? rule.impact ?? ''))
      .map(
        (node) =>
          `${name} (${width}px): ${rule.id} [${node.impact ?? rule.impact}] ` +
          `${node.target.map(String).join(' >> ')} ${node.html.slice(0, 160)}: ${rule.help}`,
      ),
  );
}

/** Collects what a user would never see but must not happen: CSP violations and script errors. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  // A server error is never an expected answer, whatever the page makes of it.
  page.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

export const DEMO_PASSWORD = 'mend-demo-2026';
/** The demo staff's authenticator key, published like their password (apps/api demo-seed.ts). */
export const DEMO_TOTP_SECRET = 'MENDDEMOKEYFORTRYINGMEND';

/** Authenticator keys this process knows: the demo staff's, and any a journey set up. */
const totpSecrets = new Map<string, string>(
  ['admin@harbor.example', 'maya@harbor.example', 'omar@harbor.example'].map((email) => [
    email,
    DEMO_TOTP_SECRET,
  ]),
);
/** The last 30-second step whose code each account gave: the server takes each step once. */
const usedSteps = new Map<string, number>();
const PERIOD_MS = 30_000;

/** Keeps the authenticator key of an account a journey set up (its later sign-ins need it). */
export function rememberTotp(email: string, secret: string): void {
  totpSecrets.set(email, secret);
}

/** Whether signing in as `email` asks for an authenticator code (staff, as far as we know). */
export function hasTotp(email: string): boolean {
  return totpSecrets.has(email);
}

/**
 * A code `email`'s authenticator app would show now, never one of a step already used. The
 * server accepts the previous, current and next 30-second step, each once per account and only
 * newer than the last one taken: this takes the earliest unused one (the previous step only
 * early in the current one, so it cannot expire on the way) and waits for the clock when all
 * are used.
 */
export async function totpCode(email: string): Promise<string> {
  const secret = totpSecrets.get(email);
  if (!secret) throw new Error(`no authenticator key known for ${email}`);
  const totp = new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_MS / 1000,
    secret: Secret.fromBase32(secret),
  });
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / PERIOD_MS);
    const earliest = now - current * PERIOD_MS < PERIOD_MS / 2 ? current - 1 : current;
    const step = Math.max(earliest, (usedSteps.get(email) ?? -Infinity) + 1);
    if (step <= current + 1) {
      usedSteps.set(email, step);
      return totp.generate({ timestamp: step * PERIOD_MS });
    }
    // Every usable step is taken: the next one comes with the next period.
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - now + 100));
  }
}

/** Gives the authenticator code on the second step (a page or a dialog that shows its form). */
export async function giveTotp(scope: Page | Locator, email: string): Promise<void> {
  const code = scope.getByTestId('mfa-code');
  await code.waitFor();
  await code.fill(await totpCode(email));
  await scope.getByTestId('mfa-submit').click();
}

/**
 * The dialog just opened, once it holds the focus. Material moves the focus into a dialog when
 * its opening animation ends; on a slow machine a field filled before then lost the rest of
 * its text to the dialog's first field ("Priya Natarajanpriya@harbor.example").
 */
export async function openedDialog(page: Page): Promise<Locator> {
  await page.locator('mat-dialog-container:focus-within').waitFor();
  return page.getByRole('dialog');
}

/**
 * Signs in on the sign-in page; staff (anyone whose authenticator key is known) then give a
 * code on the second step, unless the password was refused.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (!hasTotp(email)) return;
  const code = page.getByTestId('mfa-code');
  await code.or(page.getByRole('alert')).first().waitFor();
  if (!(await code.isVisible())) return;
  await giveTotp(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * On the set-up page (staff after their invitation, or after a reset): adds an authenticator
 * app with the key shown for typing, confirms that the recovery codes are saved, and returns
 * them. Later sign-ins of the account use that key.
 */
export async function enrolAuthenticator(page: Page): Promise<string[]> {
  const email = ((await page.getByTestId('set-up-who').textContent()) ?? '').trim();
  await page.getByTestId('set-up-totp').click();
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
  rememberTotp(email, secret);
  await page.getByTestId('totp-confirm-code').fill(await totpCode(email));
  await page.getByTestId('totp-confirm').click();
  await page.getByTestId('recovery-codes').waitFor();
  const codes = await page.getByTestId('recovery-code').allTextContents();
  await page.getByTestId('recovery-saved').locator('input').check();
  await page.getByTestId('recovery-done').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return codes.map((code) => code.trim());
}

/** A small HTTP client for setting the scene through the API (the journeys cover that UI). */
export class Api {
  private cookie = '';
  constructor(private readonly base: string) {}

  /**
   * Signs in; later calls carry the session cookie. Staff give an authenticator code (and set
   * up an authenticator first when they have none).
   */
  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    const me = await this.call<{ secondFactor: string }>('POST', '/api/auth/login', {
      email,
      password,
    });
    if (me.secondFactor === 'enrol') {
      const setup = await this.call<{ secret: string }>('POST', '/api/auth/mfa/totp/setup', {});
      rememberTotp(email, setup.secret);
      await this.call('POST', '/api/auth/mfa/totp/confirm', { code: await totpCode(email) });
    } else if (me.secondFactor === 'needed') {
      await this.call('POST', '/api/auth/mfa/verify', {
        method: 'totp',
        code: await totpCode(email),
      });
    }
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.request(method, path, body);
    if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
    return (reply.status === 204 ? undefined : await reply.json()) as T;
  }

  /** The answer as it came, whatever its status (for journeys that expect a refusal). */
  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const reply = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-requested-with': 'journey',
        cookie: this.cookie,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = reply.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return reply;
  }
}

/** A client a journey invites: `id` is filled in once invited. */
export interface Invitee {
  email: string;
  password: string;
  id: string;
}

/**
 * Sets the scene through the API: the demo admin invites each client as "<Name> Moreno" (named
 * after their key), each accepts with their password, and the admin opens a couple case of them
 * all, started today, with Maya as primary counselor. Fills in each client's id and returns the
 * case's id.
 */
export async function openCoupleCase(
  portal: Portal,
  title: string,
  people: Record<string, Invitee>,
  /** Where the invitation link is read when it was mailed (a journey's own mailbox). */
  mailedLink?: (email: string) => Promise<string>,
): Promise<string> {
  const admin = new Api(portal.url);
  await admin.signIn('admin@harbor.example');
  for (const [name, person] of Object.entries(people)) {
    const sent = await admin.call<{ user: { id: string }; link?: string }>(
      'POST',
      '/api/users/invitations',
      {
        email: person.email,
        displayName: `${name[0].toUpperCase()}${name.slice(1)} Moreno`,
        role: 'client',
      },
    );
    person.id = sent.user.id;
    // Without SMTP_URL the answer carries the link itself.
    const link =
      sent.link ??
      (mailedLink ? await mailedLink(person.email) : await portal.invitationLink(person.email));
    const token = new URL(link).hash.replace('#token=', '');
    await new Api(portal.url).call('POST', '/api/auth/invitations/accept', {
      token,
      password: person.password,
    });
  }
  const counselors = await admin.call<{ items: { id: string; email: string }[] }>(
    'GET',
    '/api/users?role=counselor',
  );
  const maya = counselors.items.find((u) => u.email === 'maya@harbor.example');
  const opened = await admin.call<{ id: string }>('POST', '/api/cases', {
    title,
    type: 'couple',
    startedOn: new Date().toISOString().slice(0, 10),
    memberIds: Object.values(people).map((person) => person.id),
    primaryCounselorId: maya?.id,
  });
  return opened.id;
}

/**
 * Sets the scene for joint work through the API: Maya records an individual safety conversation
 * with each member that clears them (the gate itself has its own journey), and moves the case
 * along the path of repair to `stage` with a reason.
 */
export async function clearForJointWork(
  portal: Portal,
  caseId: string,
  people: Record<string, Invitee>,
  stage?: string,
): Promise<void> {
  const maya = new Api(portal.url);
  await maya.signIn('maya@harbor.example');
  for (const person of Object.values(people)) {
    await maya.call('POST', `/api/cases/${caseId}/safety-interviews`, {
      clientId: person.id,
      heldOn: new Date().toISOString().slice(0, 10),
      mode: 'in_person',
      outcome: 'cleared',
    });
  }
  if (stage)
    await maya.call('PUT', `/api/cases/${caseId}/stage`, {
      stage,
      reason: 'Both partners are ready for this part of the work.',
    });
}

/**
 * Opens an invitation link, sets the password and waits for the home page; staff set up an
 * authenticator app on the way (see `enrolAuthenticator`).
 */
export async function acceptInvitation(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  const setUp = page.getByTestId('set-up-page');
  await page.getByTestId('greeting').or(setUp).first().waitFor();
  if (await setUp.isVisible()) await enrolAuthenticator(page);
  await page.getByTestId('greeting').waitFor();
}
