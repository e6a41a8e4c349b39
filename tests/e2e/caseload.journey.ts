import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  acceptInvitation,
  launchBrowser,
  openedDialog,
  Portal,
  screenshot,
  signIn,
  watchForProblems,
} from './portal';

const VIEWPORT = { width: 1280, height: 900 };

/**
 * Issue 3's journey: the admin invites a counselor and two clients, opens their couple case and
 * assigns the counselor; the counselor finds it in their caseload and sets the member labels;
 * each client sees their case, without the labels.
 */
describe('caseload in a browser', () => {
  const portal = new Portal();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchForProblems(page));
    return page;
  }

  beforeAll(async () => {
    await portal.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await portal.stop();
  });

  let admin: Page;

  it('the admin invites a counselor and two clients, who accept', async () => {
    admin = await newPage();
    await admin.goto(`${portal.url}/sign-in`);
    await signIn(admin, 'admin@harbor.example');
    await admin.getByTestId('home-admin').waitFor();
    await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await admin.getByTestId('people-table').waitFor();

    const people = [
      {
        name: 'Nadia Brooks',
        email: 'nadia@harbor.example',
        role: 'Counselor',
        password: 'blue heron at the pier 7',
      },
      {
        name: 'Chris Park',
        email: 'chris@harbor.example',
        role: 'Client',
        password: 'maple leaves in autumn 12',
      },
      {
        name: 'Dev Park',
        email: 'dev@harbor.example',
        role: 'Client',
        password: 'quiet garden after rain 3',
      },
    ];
    // Without SMTP_URL the admin is shown each link, once, to hand over.
    const links = new Map<string, string>();
    for (const person of people) {
      await admin.getByTestId('people-invite').click();
      const dialog = await openedDialog(admin);
      await dialog.getByLabel('Name').fill(person.name);
      await dialog.getByLabel('Email').fill(person.email);
      await dialog.getByLabel('Role').click();
      await admin.getByRole('option', { name: person.role, exact: true }).click();
      await dialog.getByRole('button', { name: 'Send invitation' }).click();
      const link = dialog.getByTestId('one-time-link');
      // If the server refuses, say what the dialog said instead of timing out.
      await link
        .or(dialog.getByRole('alert'))
        .first()
        .waitFor()
        .catch(async (error: Error) => {
          await screenshot(admin, `failed-invite-${person.role}`).catch(() => undefined);
          const log = portal.logLines().slice(-25).join('\n');
          throw new Error(
            `${error.message}\nDialog: ${await dialog.innerText()}\nAPI log:\n${log}`,
          );
        });
      if (!(await link.isVisible()))
        throw new Error(`invitation refused: ${await dialog.getByRole('alert').textContent()}`);
      links.set(person.email, await link.inputValue());
      await dialog.getByTestId('invite-done').click();
      await dialog.waitFor({ state: 'detached' });
    }
    await admin.getByText('nadia@harbor.example').waitFor();
    await screenshot(admin, '10-people-invited');

    for (const person of people) {
      const invitee = await newPage();
      await acceptInvitation(invitee, links.get(person.email) ?? '', person.password);
      await invitee.context().close();
    }
  });

  it('the admin opens a couple case for the two clients and assigns the counselor', async () => {
    await admin.getByRole('link', { name: 'Cases' }).click();
    await admin.getByTestId('open-case').click();
    await admin.getByTestId('case-title').fill('Chris & Dev Park');
    await admin.getByTestId('case-type').getByText('Couple').click();
    for (const name of ['Chris Park', 'Dev Park']) {
      await admin.getByTestId('client-search').fill(name.split(' ')[0]);
      await admin.getByRole('option', { name: new RegExp(name) }).click();
    }
    await admin.getByTestId('case-primary').click();
    await admin.getByRole('option', { name: 'Nadia Brooks' }).click();
    await screenshot(admin, '11-open-case-form');
    await admin.getByTestId('submit-case').click();
    await admin.getByTestId('case-head').waitFor();
    expect(await admin.getByTestId('case-title').textContent()).toContain('Chris & Dev Park');
    const members = admin.getByTestId('case-members');
    await members.getByText('Chris Park').waitFor();
    await members.getByText('Dev Park').waitFor();
    await admin.getByTestId('case-counselors').getByText('Nadia Brooks').waitFor();
    // The admin never sees the counselors' labels.
    expect(await admin.getByTestId('member-label').count()).toBe(0);
    await screenshot(admin, '12-case-admin');
  });

  it('the counselor finds the case in their caseload and sets the member labels', async () => {
    const nadia = await newPage();
    await nadia.goto(`${portal.url}/sign-in`);
    await signIn(nadia, 'nadia@harbor.example', 'blue heron at the pier 7');
    await nadia.getByTestId('home-counselor').waitFor();
    await nadia.getByRole('link', { name: 'My caseload' }).click();
    await nadia.getByTestId('case-row').filter({ hasText: 'Chris & Dev Park' }).click();
    await nadia.getByTestId('case-head').waitFor();
    for (const [member, label] of [
      ['Chris Park', 'Broke trust'],
      ['Dev Park', 'Was hurt'],
    ]) {
      await nadia.getByRole('combobox', { name: `Position of ${member}` }).click();
      const saved = nadia.waitForResponse((r) => r.url().endsWith('/label') && r.status() === 200);
      await nadia.getByRole('option', { name: label }).click();
      await saved;
    }
    await nadia.reload();
    await expectSelected(nadia, 'Position of Chris Park', 'Broke trust');
    await expectSelected(nadia, 'Position of Dev Park', 'Was hurt');
    await nadia.getByText('Only the case’s counselors see these labels.').waitFor();
    await screenshot(nadia, '13-case-counselor-labels');
    // Another counselor's caseload does not include it.
    const maya = await newPage();
    await maya.goto(`${portal.url}/sign-in`);
    await signIn(maya, 'maya@harbor.example');
    await maya.getByTestId('home-counselor').waitFor();
    await maya.getByRole('link', { name: 'My caseload' }).click();
    await maya.getByTestId('cases-table').waitFor();
    expect(await maya.getByText('Chris & Dev Park').count()).toBe(0);
  });

  for (const client of [
    {
      email: 'chris@harbor.example',
      password: 'maple leaves in autumn 12',
      partner: 'Dev Park',
      shot: '14-my-case-chris',
    },
    {
      email: 'dev@harbor.example',
      password: 'quiet garden after rain 3',
      partner: 'Chris Park',
      shot: '15-my-case-dev',
    },
  ]) {
    it(`${client.email} sees the case, the counselor and the partner, but no labels`, async () => {
      const page = await newPage();
      await page.goto(`${portal.url}/sign-in`);
      await signIn(page, client.email, client.password);
      await page.getByTestId('home-client').waitFor();
      await page.getByRole('link', { name: 'My case' }).click();
      const card = page.getByTestId('my-case');
      await card.getByText('Chris & Dev Park').waitFor();
      await card.getByText('Nadia Brooks', { exact: true }).waitFor();
      await card.getByText(client.partner, { exact: true }).waitFor();
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/Broke trust|Was hurt|Both \/ unclear/);
      await screenshot(page, client.shot);
    });
  }

  it('showed no CSP violations or script errors on any page', () => {
    expect(problems.flat()).toEqual([]);
  });
});

async function expectSelected(page: Page, name: string, value: string): Promise<void> {
  await page.getByRole('combobox', { name }).filter({ hasText: value }).waitFor();
}
